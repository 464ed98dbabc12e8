#!/usr/bin/python3
"""The command line, without a display: --version, usage errors, the
backup command, and importing and exporting contacts.

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


def count_rows(path, table):
    with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
        return db.execute(f'SELECT count(*) FROM {table}').fetchone()[0]


def read_text(path):
    with open(path, 'rb') as f:
        return f.read().decode('utf-8')


# Three people, every diacritic in both its forms (comma ș ț, cedilla ş ţ).
CONTACTS_VCF = (
    'BEGIN:VCARD\r\n'
    'VERSION:3.0\r\n'
    'UID:cli-test-1\r\n'
    'N:Țepeș-Mureșan;Ștefania;;E.S.;\r\n'
    'FN:E.S. Ștefania Țepeș-Mureșan\r\n'
    'ORG:Ambasada României la Chișinău\r\n'
    'TITLE:Consilier economic\r\n'
    'EMAIL;TYPE=work:stefania@mae.example.ro\r\n'
    'ADR;TYPE=work:;;Strada Ștefan cel Mare 1;Chișinău;;MD-2001;Republica Moldova\r\n'
    'CATEGORIES:Înfrățire\r\n'
    'END:VCARD\r\n'
    'BEGIN:VCARD\r\n'
    'VERSION:3.0\r\n'
    'UID:cli-test-2\r\n'
    'N:Bălan;Ion;;;\r\n'
    'FN:Ion Bălan\r\n'
    'ORG:Camera de Comerț Timiș\r\n'
    'TEL;TYPE=cell:+40 722 123 456\r\n'
    'NOTE:=1+2 și încă ceva\r\n'
    'END:VCARD\r\n'
    'BEGIN:VCARD\r\n'
    'VERSION:3.0\r\n'
    'UID:cli-test-3\r\n'
    'N:Căpraru;Ţuţu;;;\r\n'
    'FN:Ţuţu Căpraru\r\n'
    'EMAIL:tutu@example.ro\r\n'
    'ADR:;;Piaţa Unirii 3;Timişoara;Timiş;300085;România\r\n'
    'END:VCARD\r\n'
)

# One good card, one never ended (line 7), one with nothing to know it by (line 10).
MALFORMED_VCF = (
    'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nou;Andrei;;;\r\nFN:Andrei Nou\r\n'
    'EMAIL:andrei@example.ro\r\nEND:VCARD\r\n'
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fără Sfârșit\r\n'
    'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:doar o notă\r\nEND:VCARD\r\n'
)


def test_contacts(tap, home):
    """import contacts and export contacts, on a database they create."""
    database = os.path.join(home, 'contacts.db')
    vcf = os.path.join(home, 'contacte.vcf')
    with open(vcf, 'w', encoding='utf-8', newline='') as f:
        f.write(CONTACTS_VCF)

    status, out, err = run(['import', 'contacts', vcf, '--database', database, '--dry-run'],
                           home)
    tap.ok(status == 0 and 'New contacts: 3' in out and 'nothing was written' in out
           and not os.path.exists(database),
           'import --dry-run into a new database counts 3 new and creates nothing',
           f'status {status}, stdout {out!r}, stderr {err!r}')

    status, out, err = run(['import', 'contacts', vcf, '--database', database], home)
    stored = count_rows(database, 'contact') if os.path.exists(database) else None
    tap.ok(status == 0 and 'New contacts: 3' in out and stored == 3,
           'import contacts stores the three people of a vCard file',
           f'status {status}, rows {stored}, stdout {out!r}, stderr {err!r}')
    if stored is None:
        return

    with sqlite3.connect(f'file:{database}?mode=ro', uri=True) as db:
        names = {row[0] for row in db.execute('SELECT family_name FROM contact')}
    tap.ok(names == {'Țepeș-Mureșan', 'Bălan', 'Căpraru'},
           'the names keep their diacritics in the database', f'names {names}')

    status, out, err = run(['import', 'contacts', vcf, '--database', database], home)
    tap.ok(status == 0 and 'New contacts: 0' in out and 'Unchanged (already stored): 3' in out
           and count_rows(database, 'contact') == 3,
           're-importing the same file adds nothing',
           f'status {status}, stdout {out!r}, stderr {err!r}')

    # The global options may also come before the command, long or short.
    for options in (['--database', database], ['-d', database]):
        status, out, err = run(options + ['import', 'contacts', vcf, '--dry-run'], home)
        tap.ok(status == 0 and 'Unchanged (already stored): 3' in out,
               f'{options[0]} before the command reaches the same database',
               f'status {status}, stdout {out!r}, stderr {err!r}')

    other = os.path.join(home, 'altul.vcf')
    with open(other, 'w', encoding='utf-8', newline='') as f:
        f.write('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mădălina Şerban\r\n'
                'N:Şerban;Mădălina;;;\r\nEMAIL:madalina@example.ro\r\nEND:VCARD\r\n')
    status, out, err = run(['import', 'contacts', other, '--database', database, '-n'], home)
    tap.ok(status == 0 and 'New contacts: 1' in out and count_rows(database, 'contact') == 3,
           'import --dry-run of a new person reports it and writes nothing',
           f'status {status}, rows {count_rows(database, "contact")}, stdout {out!r}')

    vcf_out = os.path.join(home, 'out.vcf')
    status, out, err = run(['export', 'contacts', '--format', 'vcf', '-o', vcf_out,
                            '--database', database], home)
    text = read_text(vcf_out) if os.path.exists(vcf_out) else ''
    tap.ok(status == 0 and text.count('BEGIN:VCARD') == 3 and 'VERSION:4.0' in text
           and 'Țepeș-Mureșan' in text and 'Piaţa Unirii 3' in text and 'Timişoara' in text
           and 'Înfrățire' in text and '\r\n' in text,
           'export contacts --format vcf writes three vCard 4.0 cards with their diacritics',
           f'status {status}, stderr {err!r}, text {text[:300]!r}')

    status, out, err = run(['export', 'contacts', '--format', 'vcf', '--vcard-version', '3.0',
                            '--query', 'tepes', '-o', vcf_out, '--database', database], home)
    text = read_text(vcf_out)
    tap.ok(status == 0 and text.count('BEGIN:VCARD') == 1 and 'VERSION:3.0' in text
           and 'Ștefania' in text,
           'export --vcard-version 3.0 --query “tepes” writes the one person it finds',
           f'status {status}, stderr {err!r}, text {text[:300]!r}')

    csv_out = os.path.join(home, 'out.csv')
    status, out, err = run(['export', 'contacts', '--format', 'csv', '--separator', ';',
                            '-o', csv_out, '--database', database], home)
    with open(csv_out, 'rb') as f:
        raw = f.read()
    text = raw.decode('utf-8-sig')
    lines = text.split('\r\n')
    tap.ok(status == 0 and raw.startswith(b'\xef\xbb\xbfName;') and len(lines) == 5
           and 'Bălan' in text and 'Ţuţu' in text and 'Țepeș-Mureșan' in text,
           'export --format csv --separator “;” writes a BOM, a header and three rows',
           f'status {status}, stderr {err!r}, start {raw[:120]!r}')
    tap.ok("'=1+2" in text and ';=1+2' not in text and '"=1+2' not in text,
           'a note that starts with “=” is neutralised in the CSV', f'text {text!r}')

    status, out, err = run(['export', 'contacts', '-o', os.path.join(home, 'guess.csv'),
                            '--separator', ',', '--database', database], home)
    tap.ok(status == 0 and read_text(os.path.join(home, 'guess.csv')).startswith('\ufeffName,'),
           'export takes the format from the extension of -o', f'status {status}, {err!r}')

    status, out, err = run(['import', 'contacts', csv_out, '--database', database], home)
    tap.ok(status == 0 and 'New contacts: 0' in out and count_rows(database, 'contact') == 3,
           'importing the CSV export back adds nothing',
           f'status {status}, stdout {out!r}, stderr {err!r}')

    # Bad files: exit 1 with a message, and nothing written
    png = os.path.join(home, 'photo.vcf')
    with open(png, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + bytes(range(256)))
    status, out, err = run(['import', 'contacts', vcf, png, '--database', database], home)
    tap.ok(status == 1 and 'photo.vcf' in err and 'not' in err and out == ''
           and count_rows(database, 'contact') == 3,
           'a binary file fails with status 1 and a message, and nothing is imported',
           f'status {status}, stdout {out!r}, stderr {err!r}')

    empty = os.path.join(home, 'empty.csv')
    open(empty, 'wb').close()
    status, out, err = run(['import', 'contacts', empty, '--database', database], home)
    tap.ok(status == 1 and 'empty' in err, 'an empty file fails with status 1 and “empty”',
           f'status {status}, stderr {err!r}')

    missing = os.path.join(home, 'missing.vcf')
    status, out, err = run(['import', 'contacts', missing, '--database', database], home)
    tap.ok(status == 1 and 'missing.vcf' in err, 'a missing file fails with status 1',
           f'status {status}, stderr {err!r}')

    malformed = os.path.join(home, 'stricat.vcf')
    with open(malformed, 'w', encoding='utf-8', newline='') as f:
        f.write(MALFORMED_VCF)
    status, out, err = run(['import', 'contacts', malformed, '--database', database], home)
    tap.ok(status == 0 and 'New contacts: 1' in out and 'Rejected: 2' in out
           and 'stricat.vcf:7:' in err and 'stricat.vcf:10:' in err
           and count_rows(database, 'contact') == 4,
           'a file with malformed cards imports the good one and reports the bad by line',
           f'status {status}, stdout {out!r}, stderr {err!r}')

    status, out, err = run(['export', 'contacts', '-o', vcf_out, '--database',
                            os.path.join(home, 'none.db')], home)
    tap.ok(status == 1 and 'none.db' in err and not os.path.exists(os.path.join(home, 'none.db')),
           'export from a database that does not exist fails with status 1',
           f'status {status}, stderr {err!r}')

    # Bad usage: the reason and the usage on stderr, status 2
    for args, what in [
            (['import'], 'import without “contacts”'),
            (['import', 'people', vcf], 'import of something else than contacts'),
            (['import', 'contacts'], 'import contacts without a file'),
            (['import', 'contacts', vcf, '--duplicates', 'maybe'], 'an unknown --duplicates'),
            (['import', 'contacts', vcf, '--no-such-option'], 'an unknown option'),
            (['export', 'contacts', '--format', 'vcf'], 'export without -o'),
            (['export', 'contacts', '-o', os.path.join(home, 'x.txt')],
             'export without a format it can tell'),
            (['export', 'contacts', '--format', 'pdf', '-o', vcf_out], 'an unknown format'),
            (['export', 'contacts', '--format', 'csv', '--separator', '|', '-o', csv_out],
             'an unknown separator'),
            (['export', 'contacts', '--vcard-version', '2.1', '-o', vcf_out],
             'an unknown vCard version')]:
        status, out, err = run(args + ['--database', database], home)
        tap.ok(status == 2 and 'Usage' in err and out == '',
               f'{what}: usage on stderr, status 2', f'status {status}, stderr {err!r}')
    tap.ok(count_rows(database, 'contact') == 4, 'bad command lines wrote nothing')


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

        status, out, err = run(['--help'], home)
        tap.ok(status == 0 and 'import' in out and 'export' in out,
               '--help lists the import and export commands', f'stdout {out!r}')

        test_contacts(tap, home)

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
