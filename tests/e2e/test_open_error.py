#!/usr/bin/python3
"""Opening a file that is not a database: the app says so in a dialog, leaves
the file alone, and its Quit button ends the app.

Usage: test_open_error.py APP
Prints TAP.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d360test as t  # noqa: E402

CONTENT = b'hello\n'


def main():
    os.environ['APP'] = sys.argv[1]
    tap = t.Tap()

    with t.TempDir() as home:
        path = os.path.join(home, 'hello.db')
        with open(path, 'wb') as f:
            f.write(CONTENT)

        process = t.start_app(['--database', path], t.app_env(LANGUAGE='en'), home)
        try:
            app = t.find_application(process.pid)
            if not tap.ok(app is not None, 'the app is on the AT-SPI desktop'):
                tap.diag('Applications found: ' + ', '.join(t.application_names()))
                return tap.finish()

            dialog = t.wait_for(lambda: t.find(app, None, 'Could Not Open the Database'))
            tap.ok(dialog is not None and dialog.getRoleName() in ('dialog', 'alert', 'frame'),
                   'a dialog “Could Not Open the Database” appears',
                   dialog and f'role {dialog.getRoleName()}')
            tap.ok(t.find(app, 'frame', 'Diplomacy360') is None, 'no main window opens')
            body = t.find_all(app, lambda n: n.getRoleName() == 'label' and
                              'The file was not changed' in n.name)
            tap.ok(bool(body), 'the dialog says the file was not changed')
            for label in ('Open Another…', 'Start a New Database…'):
                tap.ok(t.find_button(app, label) is not None, f'it offers “{label}”')

            quit_button = t.find_button(app, 'Quit')
            if tap.ok(quit_button is not None, 'it offers “Quit”'):
                t.do_action(quit_button, 'click')
            try:
                status = process.wait(timeout=t.TIMEOUT)
            except Exception:
                status = None
            tap.ok(status == 0, 'Quit ends the app with status 0', f'status {status}')
        finally:
            out, err = t.stop(process)
        criticals = [line for line in err.splitlines() if '-CRITICAL **' in line]
        tap.ok(not criticals, 'the app logged no critical error', '\n'.join(criticals))

        with open(path, 'rb') as f:
            tap.ok(f.read() == CONTENT, 'the file is byte for byte as it was')
        leftovers = sorted(set(os.listdir(home)) - {'hello.db', 'data', 'config', 'cache'})
        tap.ok(not leftovers, 'no -wal, -shm or other file was left next to it',
               f'found {leftovers}')

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
