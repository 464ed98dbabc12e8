#!/usr/bin/python3
"""End to end through AT-SPI and the X keyboard, as a user would: open
Contacts, press Import, type the file's path into the file chooser (Ctrl+L),
read the preview, press Import, search for a person, open them, edit a field,
quit, start the app again and find the edit; then start it with a vCard file
as its argument, as "Open With" in the file manager does, and import that.

Usage: test_contacts_import.py APP   (or APP in the environment)
Prints TAP.
"""

import ctypes
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d360test as t  # noqa: E402

# Three people (Romanian diacritics, with commas and with cedillas) and a
# card with nothing to identify anyone by.
VCARDS = (
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ștefan Ionescu-Țărnă\r\n'
    'N:Ionescu-Țărnă;Ștefan;;;\r\nORG:Primăria Brașov\r\n'
    'EMAIL;TYPE=WORK:stefan@primaria-brasov.ro\r\nEND:VCARD\r\n'
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Şerban Ţepeş\r\nN:Ţepeş;Şerban;;;\r\n'
    'EMAIL:serban@example.ro\r\nEND:VCARD\r\n'
    'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Mureșan\r\nN:Mureșan;Ana;;;\r\n'
    'TEL;TYPE=cell:+40 721 000 111\r\nEND:VCARD\r\n'
    'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:a card without a name\r\nEND:VCARD\r\n'
)
BAD_CARD_LINE = VCARDS[:VCARDS.index('BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE')].count('\n') + 1
PERSON = 'Ștefan Ionescu-Țărnă'
JOB_TITLE = 'Consul onorific'

# X keysym names of the characters a path or a job title may hold.
KEYSYMS = {'/': 'slash', '.': 'period', '-': 'minus', ' ': 'space', ',': 'comma'}
SHIFTED = {'_': 'minus', ':': 'semicolon'}


def type_text(keyboard, text):
    for char in text:
        if char in SHIFTED:
            keyboard.press('Shift_L', SHIFTED[char])
        elif char.isupper():
            keyboard.press('Shift_L', char.lower())
        else:
            keyboard.press(KEYSYMS.get(char, char))
        time.sleep(0.01)


class Mouse:
    """Clicks through the X server's XTEST extension. The app's windows sit
    at the screen's top left under Xvfb (no window manager), so a point in
    window coordinates is a point on the screen."""

    def __init__(self):
        self.x11 = ctypes.cdll.LoadLibrary('libX11.so.6')
        self.xtst = ctypes.cdll.LoadLibrary('libXtst.so.6')
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                   ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            raise RuntimeError('Cannot open the X display')

    def click(self, node):
        """A left click at the middle of @node."""
        pyatspi = t.atspi()
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        x = extents.x + extents.width // 2
        y = extents.y + extents.height // 2
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.x11.XSync(self.display, 0)
        time.sleep(0.1)
        self.xtst.XTestFakeButtonEvent(self.display, 1, 1, 0)
        self.x11.XSync(self.display, 0)
        time.sleep(0.05)
        self.xtst.XTestFakeButtonEvent(self.display, 1, 0, 0)
        self.x11.XSync(self.display, 0)

    def close(self):
        if self.display:
            self.x11.XCloseDisplay(self.display)
            self.display = None


def windows(app):
    return [app.getChildAtIndex(i).name for i in range(app.childCount)]


OTHER_PAGES = ('D360PortfolioPage', 'D360MeetingsPage', 'D360MatchesPage', 'D360ReportsPage')


def first(node, predicate, skip=OTHER_PAGES):
    """The first descendant of @node (depth first) for which @predicate holds,
    leaving out the other sections: every look-up is a D-Bus call, and the
    portfolio's tree is large."""
    stack = [node]
    while stack:
        current = stack.pop()
        try:
            if current is None or current.name in skip:
                continue
            if predicate(current):
                return current
            stack.extend(current.getChildAtIndex(i)
                         for i in reversed(range(current.childCount)))
        except Exception:  # the tree changes under us while we read it
            continue
    return None


def window_named(app, name, having=None):
    """The app's window called @name (holding a label @having)."""
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        if window is not None and window.name == name and (
                having is None or first(window, lambda n: n.getRoleName() == 'label' and
                                        n.name == having) is not None):
            return window
    return None


def label_starting(node, prefix):
    return first(node, lambda n: n.getRoleName() == 'label' and (n.name or '').startswith(prefix))


def click(node):
    t.do_action(node, 'click', 'activate', 'press')


def start(tap, database, home, *files):
    process = t.start_app(['--database', database, *files], t.app_env(LANGUAGE='en'), home)
    app = t.find_application(process.pid)
    if not tap.ok(app is not None, 'the app is on the AT-SPI desktop'):
        tap.diag('Applications found: ' + ', '.join(t.application_names()))
        return process, None, None
    frame = t.wait_for(lambda: window_named(app, 'Diplomacy360'))
    tap.ok(frame is not None, 'the main window is showing')
    return process, app, frame


def open_contacts(tap, keyboard, frame):
    keyboard.press('Alt_L', '2')
    page = t.wait_for(lambda: first(frame, lambda n: n.name == 'D360ContactsPage'), 5)
    tap.ok(page is not None and t.wait_for(lambda: t.any_on_screen(page, frame), 5),
           'Alt+2 shows Contacts')
    return page


def search_and_open(tap, keyboard, mouse, frame, page, words, name):
    """Ctrl+F, @words, then a click on the person @name in the list; returns
    the editor's Job Title field."""
    pyatspi = t.atspi()
    keyboard.press('Control_L', 'f')
    entry = t.wait_for(lambda: first(page, lambda n: n.name == 'Search people' and
                                     t.has_state(n, pyatspi.STATE_FOCUSED)), 5)
    if not tap.ok(entry is not None, 'Ctrl+F puts the cursor in “Search people”'):
        return None
    type_text(keyboard, words)
    row = t.wait_for(lambda: first(page, lambda n: n.getRoleName() == 'label' and
                                   n.name == name and t.is_on_screen(n, frame)), 10)
    if not tap.ok(row is not None, f'searching “{words}” lists {name}'):
        return None
    # The list may still be replacing its rows for the last keystrokes: a row
    # found a moment ago can be gone. Look again and click what is there.
    for attempt in range(10):
        time.sleep(0.5)
        row = first(page, lambda n: n.getRoleName() == 'label' and
                    n.name == name and t.is_on_screen(n, frame))
        try:
            if row is not None:
                mouse.click(row)
                break
        except Exception as error:  # noqa: BLE001 - AT-SPI: "Object does not exist"
            tap.diag(f'the row went away before the click ({error}); looking again')
    field = t.wait_for(lambda: job_title_field(frame, page), 10)
    if field is None and os.environ.get('D360_SCREENSHOT_DIR'):
        os.system('import -window root ' +
                  os.path.join(os.environ['D360_SCREENSHOT_DIR'], 'e2e-editor.png'))
    tap.ok(field is not None, f'a click on {name} opens the editor, with “Job Title”')
    return field


def job_title_field(frame, page):
    """The Job Title entry of the editor on screen. (An empty AdwEntryRow
    shows its title over the entry: what is under the middle is the row.)"""
    node = first(page, lambda n: n.name == 'Job Title' and n.getRoleName() in ('text', 'entry'))
    row = node
    for _ in range(3):
        if row is None or row.parent is None:
            return None
        row = row.parent
        if t.is_on_screen(row, frame):
            return node
    return None


def row_of(node):
    """The list row around @node, for a click."""
    row = node
    for _ in range(4):
        if row.parent is None or row.getRoleName() in ('list item', 'row'):
            break
        row = row.parent
    return row if row.getRoleName() in ('list item', 'row') else node


def field_text(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def quit_app(tap, keyboard, process):
    keyboard.press('Control_L', 'q')
    try:
        status = process.wait(timeout=t.TIMEOUT)
    except Exception:
        status = None
    tap.ok(status == 0, 'Ctrl+Q quits with status 0', f'Status {status}')


def main():
    if len(sys.argv) > 1:
        os.environ['APP'] = sys.argv[1]
    tap = t.Tap()
    t.atspi()
    keyboard = t.Keyboard()
    mouse = Mouse()
    errors = []

    with t.TempDir() as home:
        database = os.path.join(home, 'contacts.db')
        vcard_path = os.path.join(home, 'colegi.vcf')
        with open(vcard_path, 'w', encoding='utf-8', newline='') as f:
            f.write(VCARDS)

        # ------------------------------------------------ the import
        process, app, frame = start(tap, database, home)
        try:
            if frame is None:
                return tap.finish()
            page = open_contacts(tap, keyboard, frame)
            if page is None:
                return tap.finish()

            button = t.wait_for(lambda: first(
                page, lambda n: n.getRoleName() == 'push button' and
                (n.name or '').split(' ')[0] in ('Import', '_Import…') and
                t.is_on_screen(n, frame)), 5)
            if not tap.ok(button is not None, 'Contacts shows an “Import” button'):
                return tap.finish()
            click(button)

            # The file chooser: a GTK dialog here (no portal); Ctrl+L, the path, Enter.
            chooser = t.wait_for(lambda: window_named(app, 'Import Contacts'), 10)
            tap.ok(chooser is not None, 'Import opens a file chooser', f'Windows: {windows(app)}')
            time.sleep(0.5)
            keyboard.press('Control_L', 'l')
            time.sleep(0.3)
            type_text(keyboard, vcard_path)
            time.sleep(0.3)
            keyboard.press('Return')

            preview = t.wait_for(lambda: window_named(app, 'Import Contacts', '3 new contacts'), 15)
            if not tap.ok(preview is not None, 'the preview says “3 new contacts”',
                          f'Windows: {windows(app)}'):
                return tap.finish()
            tap.ok(label_starting(preview, '1 rejected') is not None,
                   'the preview says “1 rejected”')
            problem = label_starting(preview, f'Line {BAD_CARD_LINE}:')
            tap.ok(problem is not None, f'the preview lists the bad card at line {BAD_CARD_LINE}')

            if os.environ.get('D360_SCREENSHOT_DIR'):
                os.system('import -window root ' +
                          os.path.join(os.environ['D360_SCREENSHOT_DIR'], 'e2e-preview.png'))

            import_button = t.find_button(preview, 'Import')
            if not tap.ok(import_button is not None, 'the preview has an “Import” button'):
                return tap.finish()
            click(import_button)
            done = t.wait_for(lambda: label_starting(preview, '3 contacts imported'), 15)
            tap.ok(done is not None, 'the import says “3 contacts imported”')
            finish = t.find_button(preview, 'Done')
            if finish is not None:
                click(finish)
            tap.ok(t.wait_for(lambda: window_named(app, 'Import Contacts') is None, 5),
                   'Done closes the import window', f'Windows: {windows(app)}')

            # ------------------------------------------------ the export
            export_path = os.path.join(home, 'exportate.vcf')
            menu = t.wait_for(lambda: first(
                page, lambda n: n.name == 'Contacts Menu' and
                n.getRoleName() in ('push button', 'toggle button') and
                n.queryAction().nActions > 0), 5)
            if tap.ok(menu is not None, 'Contacts has a “Contacts Menu” button', ', '.join(
                    f'{n.getRoleName()} {t.is_on_screen(n, frame)} {n.queryAction().nActions}'
                    for n in t.find_all(page, lambda n: n.name == 'Contacts Menu'))):
                click(menu)
                item = t.wait_for(lambda: first(app, lambda n: n.getRoleName() == 'menu item' and
                                                n.name == 'Export…'), 5)
                if tap.ok(item is not None, 'the menu has “Export…”'):
                    t.do_action(item, 'click', 'activate')
                export = t.wait_for(lambda: window_named(app, 'Export Contacts', 'Format'), 10)
                tap.ok(export is not None, 'Export… opens the export window',
                       f'Windows: {windows(app)}')
                if export is not None:
                    if os.environ.get('D360_SCREENSHOT_DIR'):
                        os.system('import -window root ' + os.path.join(
                            os.environ['D360_SCREENSHOT_DIR'], 'e2e-export.png'))
                    click(t.find_button(export, 'Export…'))
                    # The save chooser (titled like the export window), its name
                    # field focused: replace the name with a whole path.
                    t.wait_for(lambda: len([w for w in windows(app)
                                            if w == 'Export Contacts']) == 2, 10)
                    time.sleep(0.5)
                    keyboard.press('Control_L', 'a')
                    type_text(keyboard, export_path)
                    time.sleep(0.3)
                    keyboard.press('Return')
                    tap.ok(t.wait_for(lambda: 'Export Contacts' not in windows(app), 15),
                           'the export window closes once the file is written',
                           f'Windows: {windows(app)}')
                    written = ''
                    if os.path.exists(export_path):
                        with open(export_path, encoding='utf-8') as f:
                            written = f.read()
                    tap.ok(written.count('BEGIN:VCARD') == 3 and 'Ionescu-Țărnă' in written
                           and 'Ţepeş' in written,
                           'the file holds the 3 people, diacritics intact',
                           f'{export_path}: {written[:300]!r}')

            # ------------------------------------- search, open, edit
            field = search_and_open(tap, keyboard, mouse, frame, page, 'stefan', PERSON)
            if field is not None:
                mouse.click(row_of(field))
                time.sleep(0.5)
                type_text(keyboard, JOB_TITLE)
                tap.ok(t.wait_for(lambda: field_text(field) == JOB_TITLE, 5),
                       'the Job Title field holds what was typed',
                       f'It holds {field_text(field)!r}')
                keyboard.press('Tab')   # leaving the field saves it
                time.sleep(1.5)
            quit_app(tap, keyboard, process)
        finally:
            out, err = t.stop(process)
            errors += [line for line in err.splitlines() if '-CRITICAL **' in line]

        # ------------------------------------------ after a restart
        process, app, frame = start(tap, database, home)
        try:
            if frame is not None:
                page = open_contacts(tap, keyboard, frame)
                field = page and search_and_open(tap, keyboard, mouse, frame, page, 'tarna',
                                                 PERSON)
                if field is not None:
                    text = field_text(field)
                    tap.ok(text == JOB_TITLE, 'after a restart, the edit is there',
                           f'Job Title is {text!r}')
                quit_app(tap, keyboard, process)
        finally:
            out, err = t.stop(process)
            errors += [line for line in err.splitlines() if '-CRITICAL **' in line]

        # ------------------------------- a vCard file given to the app
        opened_path = os.path.join(home, 'primit pe email.vcf')
        with open(opened_path, 'w', encoding='utf-8', newline='') as f:
            f.write('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Irina Bălășescu\r\n'
                    'N:Bălășescu;Irina;;;\r\nEMAIL:irina@example.md\r\nEND:VCARD\r\n')
        process, app, frame = start(tap, database, home, opened_path)
        try:
            if frame is not None:
                preview = t.wait_for(lambda: window_named(app, 'Import Contacts', '1 new contact'),
                                     15)
                if tap.ok(preview is not None,
                          'started with a vCard file, the app shows its preview: “1 new contact”',
                          f'Windows: {windows(app)}'):
                    # A second file while that preview is open: the running app keeps
                    # the one import, and says why the other was not opened.
                    second = subprocess.run([os.path.abspath(t.app_path()), '--database',
                                             database, vcard_path],
                                            env=t.app_env(LANGUAGE='en'), cwd=home,
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, timeout=30)
                    toast = t.wait_for(lambda: label_starting(frame, '“colegi.vcf” was not opened'),
                                       10)
                    tap.ok(second.returncode == 0 and toast is not None and
                           sum(1 for name in windows(app) if name == 'Import Contacts') == 1,
                           'a second file meanwhile opens no second import; a toast says why',
                           f'Status {second.returncode}, windows: {windows(app)}')
                    click(t.find_button(preview, 'Import'))
                    tap.ok(t.wait_for(lambda: label_starting(preview, '1 contact imported'), 15)
                           is not None, 'the import says “1 contact imported”')
                    finish = t.find_button(preview, 'Done')
                    if finish is not None:
                        click(finish)
                page = t.wait_for(lambda: first(frame, lambda n: n.name == 'D360ContactsPage'),
                                  5)
                tap.ok(page is not None and t.any_on_screen(page, frame),
                       'behind it, the main window shows Contacts')
                quit_app(tap, keyboard, process)
        finally:
            out, err = t.stop(process)
            errors += [line for line in err.splitlines() if '-CRITICAL **' in line]
        with open(os.devnull, 'w') as devnull:
            listed = subprocess.run([t.app_path(), '--database', database, 'export', 'contacts',
                                     '--format', 'csv', '--query', 'irina', '-o',
                                     os.path.join(home, 'irina.csv')],
                                    stdout=devnull, stderr=devnull, env=t.app_env(LANGUAGE='en'))
        irina = ''
        if os.path.exists(os.path.join(home, 'irina.csv')):
            with open(os.path.join(home, 'irina.csv'), encoding='utf-8-sig') as f:
                irina = f.read()
        tap.ok(listed.returncode == 0 and 'Bălășescu' in irina,
               'Irina Bălășescu is stored', irina[:200])

        tap.ok(not errors, 'the app logged no critical error', '\n'.join(errors))

    keyboard.close()
    mouse.close()
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
