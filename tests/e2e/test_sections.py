#!/usr/bin/python3
"""End to end through AT-SPI, as a user would: switch sections with the view
switcher and with Alt+N, open the primary menu, Preferences and Restore from
Backup, and quit with Ctrl+Q.

Usage: test_sections.py APP   (or APP in the environment)
Prints TAP.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d360test as t  # noqa: E402

# Section, its switcher button, and the title of its empty status page (None
# where the section shows more than an empty page).
SECTIONS = [
    ('portfolio', 'Portfolio', None),
    ('contacts', 'Contacts', 'No Contacts Yet'),
    ('meetings', 'Meetings', 'No Meetings Planned'),
    ('matches', 'Matches', 'No Matches Yet'),
    ('reports', 'Reports', 'No Reports Yet'),
]
PAGE_NAMES = {
    'portfolio': 'D360PortfolioPage', 'contacts': 'D360ContactsPage',
    'meetings': 'D360MeetingsPage', 'matches': 'D360MatchesPage', 'reports': 'D360ReportsPage',
}
MENU_ITEMS = ['Preferences', 'Restore from Backup…', 'Keyboard Shortcuts', 'About Diplomacy360']


class Window:
    """The main window's switcher buttons and section pages, each looked up
    once (the portfolio makes the tree large). A section is made when first
    shown: until then it has no page."""

    def __init__(self, frame):
        self.frame = frame
        self.tabs = {}
        for tab in t.find_all(frame, lambda n: n.getRoleName() == 'page tab'):
            self.tabs.setdefault(tab.name, []).append(tab)
        self.pages = {}
        self.status = {}

    def page(self, name):
        """The section's page, once it is made."""
        if self.pages.get(name) is None:
            self.pages[name] = t.find(self.frame, name=PAGE_NAMES[name])
        return self.pages[name]

    def status_label(self, name):
        title = next(title for other, _, title in SECTIONS if other == name)
        if self.status.get(name) is None and self.page(name) is not None:
            self.status[name] = t.find(self.page(name), 'label', title)
        return self.status.get(name)

    def visible_tab(self, title):
        """The switcher button titled @title that is on screen (the header
        has a wide and a narrow switcher, the bottom bar a third one)."""
        for tab in self.tabs.get(title, []):
            if t.is_on_screen(tab, self.frame):
                return tab
        return None


def windows(app):
    """The names of the app's windows and dialogs."""
    return [app.getChildAtIndex(i).name for i in range(app.childCount)]


def open_menu(frame):
    """Clicks the primary menu button (the GtkMenuButton's inner button)."""
    buttons = t.find_all(frame, lambda n: n.name == 'Main Menu' and
                         n.getRoleName() in ('push button', 'toggle button') and
                         n.queryAction().nActions > 0)
    if not buttons:
        return False
    t.do_action(buttons[0], 'click')
    return True


def menu_items(app):
    return [n.name for n in t.find_all(app, lambda n: n.getRoleName() == 'menu item')]


def activate_menu_item(app, name):
    item = t.wait_for(lambda: t.find(app, 'menu item', name), 5)
    if item is not None:
        t.do_action(item, 'click', 'activate')


def check_section_shown(tap, window, pyatspi, name, title, status_title, how):
    frame = window.frame
    tab = t.wait_for(lambda: window.visible_tab(title), 5)
    tap.ok(tab is not None and t.wait_for(lambda: t.has_state(tab, pyatspi.STATE_SELECTED), 5),
           f'{how}: the {title} button is selected')
    page = t.wait_for(lambda: window.page(name), 5)
    tap.ok(page is not None and t.wait_for(lambda: t.any_on_screen(page, frame), 5),
           f'{how}: the {title} section is on screen',
           None if page is not None else f'No accessible named {PAGE_NAMES[name]}')
    hidden = [PAGE_NAMES[other] for other, _, _ in SECTIONS
              if other != name and window.pages.get(other) is not None and
              t.any_on_screen(window.pages[other], frame, 10)]
    tap.ok(not hidden, f'{how}: no other section is on screen', f'Also on screen: {hidden}')
    if status_title is not None:
        label = window.status_label(name)
        tap.ok(label is not None and t.wait_for(lambda: t.is_on_screen(label, frame), 5),
               f'{how}: “{status_title}” is showing')


def main():
    if len(sys.argv) > 1:
        os.environ['APP'] = sys.argv[1]
    tap = t.Tap()
    pyatspi = t.atspi()
    keyboard = t.Keyboard()

    with t.TempDir() as home:
        database = os.path.join(home, 'x.db')
        process = t.start_app(['--database', database], t.app_env(LANGUAGE='en'), home)
        try:
            app = t.find_application(process.pid)
            if not tap.ok(app is not None, 'the app is on the AT-SPI desktop'):
                tap.diag('Applications found: ' + ', '.join(t.application_names()))
                return tap.finish()
            tap.ok(app.name == 'diplomacy360', 'its accessible name is the program name',
                   f'It is {app.name!r}')

            frame = t.wait_for(lambda: t.find(app, 'frame', 'Diplomacy360'))
            tap.ok(frame is not None and t.has_state(frame, pyatspi.STATE_SHOWING),
                   'the main window “Diplomacy360” is showing')
            if frame is None:
                return tap.finish()

            # The first section, then each one through its switcher button.
            window = Window(frame)
            check_section_shown(tap, window, pyatspi, 'portfolio', 'Portfolio', None, 'at start')
            for name, title, status_title in SECTIONS[1:] + SECTIONS[:1]:
                tab = window.visible_tab(title)
                if not tap.ok(tab is not None, f'the switcher has a “{title}” button'):
                    continue
                t.do_action(tab, 'click', 'activate', 'press')
                check_section_shown(tap, window, pyatspi, name, title, status_title,
                                    f'click {title}')

            # Alt+1 … Alt+5 on the keyboard.
            for index in (3, 5, 1):
                name, title, status_title = SECTIONS[index - 1]
                keyboard.press('Alt_L', str(index))
                check_section_shown(tap, window, pyatspi, name, title, status_title,
                                    f'Alt+{index}')

            # The primary menu and what it lists.
            tap.ok(open_menu(frame), 'the “Main Menu” button opens the menu')
            items = t.wait_for(lambda: menu_items(app) == MENU_ITEMS, 5)
            tap.ok(items, 'the menu lists ' + ', '.join(MENU_ITEMS),
                   f'It lists {menu_items(app)}')

            # Preferences, from the menu; Escape closes them.
            activate_menu_item(app, 'Preferences')
            tap.ok(t.wait_for(lambda: 'Preferences' in windows(app), 5),
                   'Main Menu › Preferences opens the preferences', f'Windows: {windows(app)}')
            keyboard.press('Escape')
            tap.ok(t.wait_for(lambda: 'Preferences' not in windows(app), 5),
                   'Escape closes the preferences', f'Windows: {windows(app)}')

            # Restore from Backup: no backups yet in a new home.
            open_menu(frame)
            t.wait_for(lambda: menu_items(app), 5)
            activate_menu_item(app, 'Restore from Backup…')
            no_backups = t.wait_for(lambda: t.find_all(
                app, lambda n: n.getRoleName() == 'label' and
                n.name.startswith('There are no backups yet')), 5)
            tap.ok(bool(no_backups),
                   'Main Menu › Restore from Backup… says there are no backups',
                   f'Windows: {windows(app)}')
            cancel = t.find_button(app, 'Cancel')
            if cancel is not None:
                t.do_action(cancel, 'click')
            tap.ok(t.wait_for(lambda: windows(app) == ['Diplomacy360'], 5),
                   'Cancel closes the restore dialog', f'Windows: {windows(app)}')

            # Ctrl+Q quits.
            keyboard.press('Control_L', 'q')
            try:
                status = process.wait(timeout=t.TIMEOUT)
            except Exception:
                status = None
            tap.ok(status == 0, 'Ctrl+Q quits with status 0', f'Status {status}')
        finally:
            out, err = t.stop(process)
            if err.strip():
                tap.diag('stderr: ' + err.strip())
        criticals = [line for line in err.splitlines() if '-CRITICAL **' in line]
        tap.ok(not criticals, 'the app logged no critical error', '\n'.join(criticals))

        with open(database, 'rb') if os.path.exists(database) else open(os.devnull, 'rb') as f:
            header = f.read(16)
        tap.ok(header == b'SQLite format 3\x00', 'the database file exists and is SQLite',
               f'{database}: {header!r}')

    keyboard.close()
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
