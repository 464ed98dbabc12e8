#!/usr/bin/python3
"""Screenshots of the main window on a new database: English, Romanian, and
English in the dark style. Saved to BUILD_DIR/screenshots/ (from
`import -window root`, trimmed to the window); a missing or blank picture
fails.

Usage: screenshot.py APP
Prints TAP.
"""

import locale
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
import d360test as t  # noqa: E402

MIN_COLOURS = 50


def romanian_locale():
    for name in ('ro_RO.UTF-8', 'C.UTF-8'):
        try:
            locale.setlocale(locale.LC_ALL, name)
            return name
        except locale.Error:
            continue
        finally:
            locale.setlocale(locale.LC_ALL, 'C')
    return 'C.UTF-8'


VARIANTS = [
    # file name, environment, the Portfolio button's name
    ('main-window-en', {'LANGUAGE': 'en'}, 'Portfolio'),
    ('main-window-ro', {'LANGUAGE': 'ro', 'LC_ALL': romanian_locale()}, 'Portofoliu'),
    ('main-window-en-dark', {'LANGUAGE': 'en', 'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'},
     'Portfolio'),
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
                frame = app and t.wait_for(lambda: t.find(app, 'frame'))
                tab = frame and t.wait_for(
                    lambda: [n for n in t.find_all(frame, lambda n: n.getRoleName() == 'page tab'
                                                   and n.name == portfolio)
                             if t.is_on_screen(n, frame)])
                if frame:
                    why = 'tabs: ' + ', '.join(n.name for n in t.find_all(
                        frame, lambda n: n.getRoleName() == 'page tab'))
                else:
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
    tap.diag(f'Screenshots in {folder}')
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
