#!/usr/bin/python3
"""End to end through AT-SPI, as a user would: add a city, create a project
and fill in its fields on the keyboard (Romanian diacritics included), quit
with Ctrl+Q, start again on the same database, find the project in the list
by its title, open it and read every field back; then read the row itself
with sqlite3.

The app runs in English with Romanian numbers (LC_NUMERIC and LC_MONETARY
ro_RO.UTF-8), so the budget is typed the Romanian way.

Usage: test_portfolio.py APP   (or APP in the environment)
Prints TAP.
"""

import locale
import os
import sqlite3
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d360test as t  # noqa: E402

CITY = 'Timișoara'
TITLE = 'Parc industrial Timișoara — ștrand și țesătorie'
SUMMARY = 'Hală pentru țesătorie și ștrand urban; ÎNCEPUT în 2026 (ş, ţ cu sedilă).'
SECTOR = 'Industrie ușoară'
STAGE = ('Seeking partners', 'seeking-partners')
CURRENCY = ('Romanian Leu (RON)', 'RON')
START = '2026-03-01'
END = '2028-11-30'
LOCATION = 'Calea Șagului 15, Timișoara'
RESPONSIBLE = 'Ștefănescu Țurcanu Ioana-Mădălina'
BUDGET_MINOR = 123456789


def romanian_numbers():
    """The locale for LC_NUMERIC and LC_MONETARY, the budget as typed and as
    the editor shows it again."""
    try:
        locale.setlocale(locale.LC_NUMERIC, 'ro_RO.UTF-8')
    except locale.Error:
        return 'C.UTF-8', '1234567.89', '1234567.89'
    finally:
        locale.setlocale(locale.LC_NUMERIC, 'C')
    return 'ro_RO.UTF-8', '1 234 567,89', '1.234.567,89'


NUMBERS_LOCALE, BUDGET_TYPED, BUDGET_SHOWN = romanian_numbers()


class Session:
    """One run of the app on @database."""

    def __init__(self, home, database):
        env = t.app_env(LANGUAGE='en', LC_ALL=None, LANG='C.UTF-8',
                        LC_NUMERIC=NUMBERS_LOCALE, LC_MONETARY=NUMBERS_LOCALE)
        self.process = t.start_app(['--database', database], env, home)
        self.app = t.find_application(self.process.pid)
        self.frame = self.app and t.wait_for(
            lambda: t.find_first(self.app, 'frame', 'Diplomacy360'))
        self.page = self.frame and t.wait_for(
            lambda: t.find_first(self.frame, name='D360PortfolioPage'))

    def quit(self, keyboard):
        keyboard.press('Control_L', 'q')
        try:
            status = self.process.wait(timeout=t.TIMEOUT)
        except Exception:
            status = None
        return status

    def stop(self):
        """Ends the app if it still runs; its critical errors and its own warnings."""
        _, err = t.stop(self.process)
        return [line for line in err.splitlines()
                if '-CRITICAL **' in line or ('-WARNING **' in line and 'd360' in line)]


def item_label(item):
    label = t.find_first(item, 'label') if item is not None else None
    return label.name if label is not None else None


def focused_index(listing):
    """The position of the focused row of a combo row's open list, or None."""
    pyatspi = t.atspi()
    for i in range(listing.childCount):
        item = listing.getChildAtIndex(i)
        if item is not None and item.getState().contains(pyatspi.STATE_FOCUSED):
            return i
    return None


def combo_value(combo):
    """What a combo row shows as chosen: the label of its own one-item list
    (its drop-down list comes later in the tree)."""
    item = t.find_first(combo, 'list item')
    label = item and t.find_first(item, 'label')
    return label.name if label is not None else None


def choose(keyboard, pointer, frame, combo, wanted):
    """Opens @combo with a click and walks its list with the arrow keys to
    @wanted, then Return; whether @combo then shows @wanted."""
    t.click(pointer, combo, frame)
    popover = t.wait_for(lambda: t.find_first(combo, name='GtkPopover'), 5)
    listing = popover and t.wait_for(lambda: t.find_first(popover, 'list'), 5)
    if listing is None or not t.wait_for(lambda: focused_index(listing) is not None, 5):
        return False
    start = focused_index(listing)
    labels = [item_label(listing.getChildAtIndex(i)) for i in range(listing.childCount)]
    if wanted not in labels:
        return False
    target = labels.index(wanted)
    for _ in range(abs(target - start)):
        keyboard.press('Down' if target > start else 'Up')
    if not t.wait_for(lambda: focused_index(listing) == target, 5):
        return False
    keyboard.press('Return')
    return t.wait_for(lambda: combo_value(combo) == wanted, 5)


def within(node, area):
    """Whether @node lies wholly inside @area (a scrolled window, which
    clips it). is_on_screen() cannot tell for an entry row: GTK 4.8 finds
    no accessible at a point over its text."""
    pyatspi = t.atspi()
    inner = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    outer = area.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return (inner.width > 0 and inner.height > 0 and
            outer.x <= inner.x and inner.x + inner.width <= outer.x + outer.width and
            outer.y <= inner.y and inner.y + inner.height <= outer.y + outer.height)


def shown(editor, frame):
    """Whether the project editor is on screen (its Archive button is)."""
    return t.is_on_screen(t.find_first(editor, 'label', 'Archive'), frame)


def bring_on_screen(keyboard, node, area):
    """Moves the focus on with Tab, which scrolls @area, until @node is
    inside it; whether it is. (The fields are filled from the top down, so
    that Tab always goes towards the next one.)"""
    pyatspi = t.atspi()
    for _ in range(25):
        if within(node, area):
            break
        keyboard.press('Tab')
        time.sleep(0.05)
    else:
        return False
    # The editor may still be scrolling: wait until the row stays put.
    last = None
    for _ in range(20):
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        here = (extents.x, extents.y)
        if here == last:
            break
        last = here
        time.sleep(0.1)
    return within(node, area)


def fill_entry(tap, keyboard, pointer, frame, editor, area, name, text):
    """Clicks the entry row @name of @editor and types @text into it."""
    row = t.find_first(editor, 'text', name)
    if not tap.ok(row is not None and bring_on_screen(keyboard, row, area),
                  f'the “{name}” field is on screen'):
        return
    t.click(pointer, row, frame)
    time.sleep(0.1)
    keyboard.press('Control_L', 'a')
    keyboard.type(text)
    tap.ok(t.wait_for(lambda: t.text_of(row) == text, 5), f'typed into “{name}”',
           f'It shows {t.text_of(row)!r}')


def create_project(tap, keyboard, pointer, session):
    frame, page = session.frame, session.page

    # The empty portfolio offers a new city; its name is selected, ready to type over.
    label = t.wait_for(lambda: t.find_first(page, 'label', 'Add a City'))
    add = label and label.parent
    if not tap.ok(add is not None and add.getRoleName() == 'push button',
                  'the empty portfolio offers “Add a City”'):
        return False
    t.do_action(add, 'click')
    name = t.wait_for(lambda: t.find_first(page, 'text', 'Name'), 5)
    tap.ok(name is not None and t.wait_for(lambda: t.text_of(name) == 'New City', 5),
           'a new city opens in its profile, named “New City”')
    keyboard.type(CITY)
    tap.ok(name is not None and t.wait_for(lambda: t.text_of(name) == CITY, 5),
           'the city is renamed on the keyboard')

    tab = t.find_first(page, 'page tab', 'Projects')
    if not tap.ok(tab is not None, 'the portfolio has a “Projects” tab'):
        return False
    t.do_action(tab, 'click')
    # The tab's list is made when the tab is first shown.
    view = t.wait_for(lambda: t.find_first(page, name='D360ProjectsView'), 5)
    empty = t.find_first(view, 'label', 'No Projects Yet')
    tap.ok(t.wait_for(lambda: t.is_on_screen(empty, frame), 5),
           'the Projects tab says “No Projects Yet”')

    # Ctrl+N: a project saved at once, its title selected.
    keyboard.press('Control_L', 'n')
    editor = t.find_first(view, name='D360ProjectEditor')
    area = t.find_first(editor, 'scroll pane')
    title = t.find_first(editor, 'text', 'Title')
    if not tap.ok(t.wait_for(lambda: shown(editor, frame) and within(title, area) and
                             t.text_of(title) == 'New Project', 5),
                  'Ctrl+N opens a new project in the editor',
                  f'Title: {t.text_of(title)!r}, editor shown: {shown(editor, frame)}'):
        return False
    keyboard.type(TITLE)
    tap.ok(t.wait_for(lambda: t.text_of(title) == TITLE, 5), 'the title is typed over',
           f'It shows {t.text_of(title)!r}')

    summary = t.find_first(editor, 'text', 'Summary')
    if tap.ok(summary is not None and t.is_on_screen(summary, frame),
              'the summary is on screen'):
        t.click(pointer, summary, frame)
        keyboard.type(SUMMARY)
        tap.ok(t.wait_for(lambda: t.text_of(summary) == SUMMARY, 5), 'typed the summary',
               f'It shows {t.text_of(summary)!r}')

    fill_entry(tap, keyboard, pointer, frame, editor, area, 'Sector', SECTOR)

    stage = t.find_first(editor, 'combo box', 'Stage')
    tap.ok(stage is not None and bring_on_screen(keyboard, stage, area) and
           choose(keyboard, pointer, frame, stage, STAGE[0]),
           f'chose the stage “{STAGE[0]}”', f'It shows {stage and combo_value(stage)!r}')

    fill_entry(tap, keyboard, pointer, frame, editor, area, 'Budget', BUDGET_TYPED)

    currency = t.find_first(editor, 'combo box', 'Currency')
    tap.ok(currency is not None and bring_on_screen(keyboard, currency, area) and
           choose(keyboard, pointer, frame, currency, CURRENCY[0]),
           f'chose the currency “{CURRENCY[0]}”',
           f'It shows {currency and combo_value(currency)!r}')

    fill_entry(tap, keyboard, pointer, frame, editor, area, 'Start Date', START)
    fill_entry(tap, keyboard, pointer, frame, editor, area, 'End Date', END)
    fill_entry(tap, keyboard, pointer, frame, editor, area, 'Location', LOCATION)
    fill_entry(tap, keyboard, pointer, frame, editor, area, 'Responsible Person', RESPONSIBLE)

    # The pause in typing saves; the editor says so.
    tap.ok(t.wait_for(lambda: t.find_first(editor, 'label', 'Saved'), 5),
           'the editor says “Saved” after a pause in typing')
    return True


def check_project(tap, keyboard, pointer, session):
    frame, page = session.frame, session.page
    tab = page and t.wait_for(lambda: t.find_first(page, 'page tab', 'Projects'), 5)
    if not tap.ok(tab is not None, 'after the restart, the portfolio shows the city'):
        return
    dropdown = t.find_first(page, name='City')
    tap.ok(dropdown is not None and t.find_first(dropdown, 'label', CITY) is not None,
           f'the city switcher shows “{CITY}”')
    t.do_action(tab, 'click')

    view = t.wait_for(lambda: t.find_first(page, name='D360ProjectsView'), 5)
    listing = t.find_first(view, 'list', 'Projects')
    row = listing and t.wait_for(lambda: t.find_first(listing, 'label', TITLE), 5)
    if not tap.ok(row is not None and t.wait_for(lambda: t.is_on_screen(row, frame), 5),
                  'the project is in the list by its title'):
        return
    t.click(pointer, row, frame)

    editor = t.find_first(view, name='D360ProjectEditor')
    title = t.find_first(editor, 'text', 'Title')
    if not tap.ok(t.wait_for(lambda: shown(editor, frame) and
                             t.text_of(title) == TITLE, 5),
                  'a click opens it: the title is as typed',
                  f'It shows {t.text_of(title)!r}, editor shown: {shown(editor, frame)}'):
        return

    texts = [('Summary', SUMMARY), ('Sector', SECTOR), ('Budget', BUDGET_SHOWN),
             ('Start Date', START), ('End Date', END), ('Location', LOCATION),
             ('Responsible Person', RESPONSIBLE)]
    for name, expected in texts:
        node = t.find_first(editor, 'text', name)
        value = t.text_of(node) if node is not None else None
        tap.ok(value == expected, f'“{name}” shows {expected!r}', f'It shows {value!r}')
    for name, (expected, _) in (('Stage', STAGE), ('Currency', CURRENCY)):
        node = t.find_first(editor, 'combo box', name)
        value = combo_value(node) if node is not None else None
        tap.ok(value == expected, f'“{name}” shows {expected!r}', f'It shows {value!r}')


def check_database(tap, database):
    connection = sqlite3.connect(f'file:{database}?mode=ro', uri=True)
    try:
        cities = connection.execute('SELECT id, name FROM city').fetchall()
        rows = connection.execute(
            'SELECT city_id, title, summary, sector, stage, budget_minor, currency, '
            'start_date, end_date, location, responsible, archived FROM project').fetchall()
    finally:
        connection.close()
    tap.ok(len(cities) == 1 and cities[0][1] == CITY, f'the database holds the city {CITY!r}',
           f'Cities: {cities!r}')
    expected = (cities[0][0] if cities else None, TITLE, SUMMARY, SECTOR, STAGE[1],
                BUDGET_MINOR, CURRENCY[1], START, END, LOCATION, RESPONSIBLE, 0)
    tap.ok(rows == [expected], 'the database holds the project exactly as typed',
           f'Rows: {rows!r}\nExpected: [{expected!r}]')


def run(tap, keyboard, pointer, home):
    database = os.path.join(home, 'portfolio.db')

    session = Session(home, database)
    try:
        if not tap.ok(session.page is not None, 'the app shows its Portfolio section',
                      'Applications: ' + ', '.join(t.application_names())):
            return
        created = create_project(tap, keyboard, pointer, session)
        status = session.quit(keyboard)
        tap.ok(status == 0, 'Ctrl+Q quits with status 0', f'Status {status}')
    finally:
        problems = session.stop()
    tap.ok(not problems, 'the app logged no critical error or warning', '\n'.join(problems))
    if not created:
        return

    session = Session(home, database)
    try:
        if tap.ok(session.page is not None, 'the app starts again on the same database'):
            check_project(tap, keyboard, pointer, session)
        status = session.quit(keyboard)
        tap.ok(status == 0, 'Ctrl+Q quits again with status 0', f'Status {status}')
    finally:
        problems = session.stop()
    tap.ok(not problems, 'the second run logged no critical error or warning',
           '\n'.join(problems))

    check_database(tap, database)


def main():
    if len(sys.argv) > 1:
        os.environ['APP'] = sys.argv[1]
    tap = t.Tap()
    t.atspi()
    keyboard = t.Keyboard()
    pointer = t.Pointer(keyboard)
    started = time.monotonic()
    try:
        with t.TempDir() as home:
            run(tap, keyboard, pointer, home)
    finally:
        keyboard.close()
    tap.diag(f'{time.monotonic() - started:.1f} s')
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
