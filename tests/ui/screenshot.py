#!/usr/bin/python3
"""Screenshots of the main window on a new database: English, Romanian, and
English in the dark style; then, with the sample portfolio loaded, of the
city's profile and of the project editor, in English and Romanian. Saved to
BUILD_DIR/screenshots/ (from `import -window root`, trimmed to the window); a
missing or blank picture fails.

Usage: screenshot.py APP
Prints TAP.
"""

import locale
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
import d360test as t  # noqa: E402

MIN_COLOURS = 50


def first_locale(*names):
    for name in names:
        try:
            locale.setlocale(locale.LC_ALL, name)
            return name
        except locale.Error:
            continue
        finally:
            locale.setlocale(locale.LC_ALL, 'C')
    return 'C.UTF-8'


def english_locale():
    """An English locale, for numbers grouped as in English (C has no grouping)."""
    return first_locale('en_US.UTF-8', 'en_GB.UTF-8', 'C.UTF-8')


def romanian_locale():
    return first_locale('ro_RO.UTF-8', 'C.UTF-8')


VARIANTS = [
    # file name, environment, the Portfolio button's name
    ('main-window-en', {'LANGUAGE': 'en'}, 'Portfolio'),
    ('main-window-ro', {'LANGUAGE': 'ro', 'LC_ALL': romanian_locale()}, 'Portofoliu'),
    ('main-window-en-dark', {'LANGUAGE': 'en', 'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'},
     'Portfolio'),
]

# The sample portfolio, in: suffix, environment.
PORTFOLIO_VARIANTS = [
    ('en', {'LANGUAGE': 'en', 'LC_ALL': english_locale()}),
    ('ro', {'LANGUAGE': 'ro', 'LC_ALL': romanian_locale()}),
]


def magick(*args):
    result = subprocess.run(list(args), capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def colours(path):
    value = magick('identify', '-format', '%k', path) if os.path.exists(path) else None
    return int(value) if value else 0


def mean(path):
    value = magick('identify', '-format', '%[fx:mean]', path)
    return float(value) if value else None


def shoot(path):
    """The screen, trimmed to the window: the empty root window is black, and a
    black border makes sure the trim starts from black corners."""
    screen = path + '.screen.png'
    subprocess.run(['import', '-window', 'root', screen], capture_output=True)
    subprocess.run(['convert', screen, '-bordercolor', 'black', '-border', '1', '-trim',
                    '+repage', path], capture_output=True)
    if os.path.exists(screen):
        os.remove(screen)
    return colours(path) > MIN_COLOURS


def pixels_apart(first, second):
    """How many pixels differ between two pictures (None if they cannot be
    compared: missing, or of different sizes)."""
    result = subprocess.run(['compare', '-metric', 'AE', first, second, 'null:'],
                            capture_output=True, text=True)
    try:
        return int(float(result.stderr.split()[0]))
    except (ValueError, IndexError):
        return None


def visible_tab(frame, title):
    """The section switcher's button @title that is on screen. The header's
    wide switcher is looked in first: searching the whole window, with its
    portfolio, takes seconds."""
    def tabs(node):
        return [n for n in t.find_all(node, lambda n: n.getRoleName() == 'page tab' and
                                      n.name == title) if t.is_on_screen(n, frame)]
    header = t.find_first(frame, name='AdwViewSwitcherTitle')
    return (header is not None and tabs(header)) or tabs(frame)


def fresh(path):
    if os.path.exists(path):
        os.remove(path)
    return path


def toasts(page):
    overlay = page.getChildAtIndex(0)
    return [overlay.getChildAtIndex(i) for i in range(overlay.childCount)
            if overlay.getChildAtIndex(i).name == 'AdwToastWidget']


def dismiss_toasts(page):
    """Closes the toasts of @page (its child is an AdwToastOverlay) with their
    close button, so they cover nothing in the picture; whether they went."""
    t.wait_for(lambda: toasts(page), 2)
    for toast in toasts(page):
        button = t.find_first(toast, 'push button')
        if button is not None:
            t.do_action(button, 'click')
    gone = t.wait_for(lambda: not toasts(page), 5)
    time.sleep(0.3)  # the toast's fading out
    return bool(gone)


def shoot_portfolio(tap, keyboard, folder, suffix, extra):
    """The sample city's profile, then its first project in the editor:
    reached through the portfolio's load-sample action and the keyboard
    (Ctrl+F searches the projects, Return opens the first one), so that no
    step depends on the language."""
    profile = fresh(os.path.join(folder, f'city-profile-{suffix}.png'))
    project = fresh(os.path.join(folder, f'project-editor-{suffix}.png'))
    with t.TempDir() as home:
        process = t.start_app(['--database', os.path.join(home, 'x.db')],
                              t.app_env(**extra), home)
        try:
            app = t.find_application(process.pid)
            frame = app and t.wait_for(lambda: t.find_first(app, 'frame'))
            page = frame and t.wait_for(lambda: t.find_first(frame, name='D360PortfolioPage'))
            if not tap.ok(page is not None, f'{suffix}: the window shows the portfolio',
                          'applications: ' + ', '.join(t.application_names())):
                return
            t.do_action(page, 'portfolio.load-sample')
            # The profile is made for the first city shown.
            city = t.wait_for(lambda: t.find_first(page, name='D360CityEditor'), 5)
            name = city and t.find_first(city, 'text')
            tap.ok(t.wait_for(lambda: t.text_of(name) and t.any_on_screen(city, frame)),
                   f'{suffix}: the sample city’s profile is on screen')
            tap.ok(dismiss_toasts(page), f'{suffix}: the “sample loaded” toast is dismissed')
            t.wait_for(lambda: shoot(profile), 10, 0.3)

            keyboard.press('Control_L', 'f')
            time.sleep(0.5)
            keyboard.press('Return')
            # The title (an entry row, which GTK 4.8 cannot hit-test) and the summary.
            editor = t.wait_for(lambda: t.find_first(page, name='D360ProjectEditor'), 5)
            texts = editor and t.find_all(editor, lambda n: n.getRoleName() == 'text')
            tap.ok(texts and len(texts) >= 2 and
                   t.wait_for(lambda: t.text_of(texts[0]) and t.is_on_screen(texts[1], frame)),
                   f'{suffix}: Ctrl+F and Return open the first sample project')
            # Typing would replace the selected title: End only moves the cursor.
            keyboard.press('End')
            time.sleep(0.5)
            t.wait_for(lambda: shoot(project), 10, 0.3)
        finally:
            t.stop(process)
    for path in (profile, project):
        count = colours(path)
        tap.ok(count > MIN_COLOURS, f'{os.path.basename(path)} is saved and not blank',
               f'{path}: {count} colours')


def main():
    os.environ['APP'] = sys.argv[1]
    tap = t.Tap()
    folder = os.path.join(os.environ.get('BUILD_DIR', 'build'), 'screenshots')
    os.makedirs(folder, exist_ok=True)
    shots = {}

    for name, extra, portfolio in VARIANTS:
        path = os.path.join(folder, name + '.png')
        if os.path.exists(path):
            os.remove(path)
        with t.TempDir() as home:
            process = t.start_app(['--database', os.path.join(home, 'x.db')],
                                  t.app_env(**extra), home)
            try:
                app = t.find_application(process.pid)
                frame = app and t.wait_for(lambda: t.find_first(app, 'frame'))
                tab = frame and t.wait_for(lambda: visible_tab(frame, portfolio))
                why = None
                if not tab and frame:
                    why = 'tabs: ' + ', '.join(n.name for n in t.find_all(
                        frame, lambda n: n.getRoleName() == 'page tab'))
                elif not tab:
                    why = 'no window; applications: ' + ', '.join(t.application_names())
                tap.ok(bool(tab),
                       f'{name}: the window is up, its first section is “{portfolio}”', why)
                if frame:
                    # Painting follows the accessible tree by a frame or two.
                    t.wait_for(lambda: shoot(path), 10, 0.3)
            finally:
                out, err = t.stop(process)
        count = colours(path)
        tap.ok(count > MIN_COLOURS, f'{name}.png is saved and not blank',
               f'{path}: {count} colours')
        shots[name] = path

    light, dark = mean(shots['main-window-en']), mean(shots['main-window-en-dark'])
    tap.ok(light is not None and dark is not None and dark < light - 0.2,
           'the dark style is darker', f'mean brightness: light {light}, dark {dark}')

    keyboard = t.Keyboard()
    try:
        for suffix, extra in PORTFOLIO_VARIANTS:
            shoot_portfolio(tap, keyboard, folder, suffix, extra)
    finally:
        keyboard.close()
    # The Romanian pictures are not the English ones again; the editor is not the profile.
    for first, second in (('city-profile-en', 'city-profile-ro'),
                          ('project-editor-en', 'project-editor-ro'),
                          ('city-profile-en', 'project-editor-en')):
        apart = pixels_apart(os.path.join(folder, first + '.png'),
                             os.path.join(folder, second + '.png'))
        tap.ok(apart is not None and apart > 1000, f'{second}.png differs from {first}.png',
               f'{apart} pixels differ')
    tap.diag(f'Screenshots in {folder}')
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
