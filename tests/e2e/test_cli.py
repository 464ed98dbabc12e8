#!/usr/bin/python3
"""The command line, without a display: --version, usage errors, and the
backup command.

Usage: test_cli.py APP VERSION
Prints TAP.
"""

import glob
import os
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d360test as t  # noqa: E402

SQLITE_HEADER = b'SQLite format 3\x00'


def run(args, home, display=False, **extra):
    """Runs the app to the end; without a display unless @display."""
    env = t.app_env(LANGUAGE='en', LC_ALL='C.UTF-8', **extra)
    if not display:
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
    process = t.start_app(args, env, home)
    try:
        out, err = process.communicate(timeout=t.TIMEOUT)
    except subprocess.TimeoutExpired:
        out, err = t.stop(process)
        return None, out, err
    return process.returncode, out, err


def header(path):
    if not os.path.exists(path):
        return None
    with open(path, 'rb') as f:
        return f.read(16)


def table_names(path):
    with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
        return [row[0] for row in
                db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def main():
    app, version = sys.argv[1], sys.argv[2]
    os.environ['APP'] = app
    tap = t.Tap()

    with t.TempDir() as home:
        status, out, err = run(['--version'], home)
        tap.ok(status == 0 and out == f'diplomacy360 {version}\n',
               f'--version prints “diplomacy360 {version}” and exits 0',
               f'status {status}, stdout {out!r}, stderr {err!r}')

        status, out, err = run(['--no-such-option'], home)
        tap.ok(status == 2 and 'Usage' in err and '--database' in err and out == '',
               'an unknown option prints the usage on stderr and exits 2',
               f'status {status}, stdout {out!r}, stderr {err!r}')

        status, out, err = run(['frobnicate'], home)
        tap.ok(status == 2 and 'frobnicate' in err and 'Usage' in err,
               'an unknown command prints the usage on stderr and exits 2',
               f'status {status}, stderr {err!r}')

        missing = os.path.join(home, 'nonexistent', 'dir', 'x.db')
        status, out, err = run(['backup', '--database', missing], home)
        tap.ok(status == 1 and err.strip() != '',
               'backup of a database in a missing folder fails with status 1 and a message',
               f'status {status}, stderr {err!r}')
        tap.ok(not os.path.exists(os.path.dirname(missing)),
               'the missing folder was not created')

        text = os.path.join(home, 'hello.txt')
        with open(text, 'wb') as f:
            f.write(b'hello\n')
        status, out, err = run(['backup', '--database', text, '-o',
                                os.path.join(home, 'never.db')], home)
        with open(text, 'rb') as f:
            unchanged = f.read() == b'hello\n'
        tap.ok(status == 1 and err.strip() != '' and unchanged,
               'backup of a text file fails with status 1 and leaves it as it was',
               f'status {status}, stderr {err!r}, unchanged {unchanged}')

        # A real database, made by the app itself (it needs the display for that).
        database = os.path.join(home, 'ok.db')
        status, out, err = run(['--database', database], home, display=True,
                               D360_EXIT_AFTER_FIRST_FRAME='1')
        tap.ok(status == 0 and header(database) == SQLITE_HEADER,
               'the app creates a new database and quits after its first frame',
               f'status {status}, header {header(database)!r}, stderr {err!r}')

        output = os.path.join(home, 'out.db')
        status, out, err = run(['backup', '--database', database, '-o', output], home)
        tap.ok(status == 0 and header(output) == SQLITE_HEADER,
               'backup -o writes a SQLite copy and exits 0',
               f'status {status}, header {header(output)!r}, stderr {err!r}')
        if header(output) == SQLITE_HEADER:
            tables = table_names(output)
            tap.ok('city' in tables, 'the copy has the app’s tables', f'tables: {tables}')

        status, out, err = run(['backup', '--database', database], home)
        made = glob.glob(os.path.join(home, 'data', 'diplomacy360', 'backups',
                                      'diplomacy360-*.db'))
        tap.ok(status == 0 and len(made) == 1 and header(made[0]) == SQLITE_HEADER,
               'backup without -o writes a dated copy to the backup folder',
               f'status {status}, found {made}, stderr {err!r}')

        status, out, err = run(['backup', '--database', database, 'extra'], home)
        tap.ok(status == 2 and err.strip() != '',
               'backup with an extra argument exits 2 with a message',
               f'status {status}, stderr {err!r}')

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
