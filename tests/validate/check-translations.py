#!/usr/bin/python3
# Checks that every language in po/LINGUAS is complete against the sources as
# they are now, not against a POT file that may be stale:
#
#  1. every source file with translatable strings is listed in po/POTFILES.in
#     (or po/POTFILES.skip), and every listed file exists;
#  2. a fresh POT is extracted with xgettext, using the keywords of meson's
#     i18n 'glib' preset (.ui, .desktop.in, .metainfo.xml.in and .gschema.xml
#     go through gettext's ITS rules);
#  3. for each language: `msgfmt --check` passes, `msgcmp` finds every msgid
#     of the fresh POT translated, and no message is fuzzy or untranslated.
#
# Usage: check-translations.py [--source-root DIR] [--po-dir DIR]

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_print:1:c-format',
]

# What makes a source file translatable, by kind.
C_MARKERS = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|g_dpgettext2|ngettext)\s*\(')
UI_MARKERS = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.IGNORECASE)
SCHEMA_MARKERS = re.compile(r'gettext-domain\s*=')


def read_list(path):
    """Lines of a POTFILES.in / POTFILES.skip / LINGUAS file, without comments."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        if path.name == 'LINGUAS':
            entries.extend(line.split())
        else:
            entries.append(line)
    return entries


def translatable_sources(root):
    """Files under src/ and data/ that contain strings for translators."""
    found = set()
    for path in sorted((root / 'src').rglob('*.c')) if (root / 'src').is_dir() else []:
        text = path.read_text(encoding='utf-8', errors='replace')
        # Skip the gettext macros' own definitions and comments mentioning _().
        if C_MARKERS.search(re.sub(r'/\*.*?\*/', '', text, flags=re.S)):
            found.add(path.relative_to(root).as_posix())
    data = root / 'data'
    if data.is_dir():
        for path in sorted(data.rglob('*.ui')):
            if UI_MARKERS.search(path.read_text(encoding='utf-8', errors='replace')):
                found.add(path.relative_to(root).as_posix())
        for pattern in ('*.desktop.in', '*.metainfo.xml.in'):
            for path in sorted(data.rglob(pattern)):
                found.add(path.relative_to(root).as_posix())
        for path in sorted(data.rglob('*.gschema.xml')):
            if SCHEMA_MARKERS.search(path.read_text(encoding='utf-8', errors='replace')):
                found.add(path.relative_to(root).as_posix())
    return found


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def c_locale():
    env = dict(os.environ)
    env['LC_ALL'] = 'C'
    env.pop('LANGUAGE', None)
    return env


def messages(po_text):
    """(key, where) for each message of po-format text, for a readable report;
    the key is the msgid, prefixed by its context if it has one."""
    found = []
    for block in re.split(r'\n\s*\n', po_text):
        if re.search(r'^#~', block, re.M):
            continue
        mid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not mid:
            continue
        key = '"' + ''.join(re.findall(r'"(.*)"', mid.group(1))) + '"'
        if key == '""':
            continue            # the header
        ctx = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        if ctx:
            key = '[' + ''.join(re.findall(r'"(.*)"', ctx.group(1))) + '] ' + key
        where = re.findall(r'^#: (\S+)', block, re.M)
        found.append((key, where[0] if where else ''))
    return found


def select(po_input, option):
    """The messages msgattrib selects with option, from a file or po text."""
    if isinstance(po_input, pathlib.Path):
        result = run(['msgattrib', '--no-obsolete', '--no-wrap', option, str(po_input)],
                     env=c_locale())
    else:
        result = run(['msgattrib', '--no-obsolete', '--no-wrap', option, '-'],
                     input=po_input, env=c_locale())
    return messages(result.stdout)


def check_potfiles(root, po_dir):
    problems = []
    listed = read_list(po_dir / 'POTFILES.in')
    skipped = set(read_list(po_dir / 'POTFILES.skip'))
    if not listed:
        return ['po/POTFILES.in is missing or empty'], []
    for entry in listed:
        if not (root / entry).is_file():
            problems.append(f'po/POTFILES.in lists {entry}, which does not exist')
    for entry in sorted(translatable_sources(root) - set(listed) - skipped):
        problems.append(f'{entry} has translatable strings but is not in po/POTFILES.in')
    return problems, [entry for entry in listed if (root / entry).is_file()]


def extract_pot(root, files, pot):
    result = run(['xgettext', *XGETTEXT_ARGS, '--package-name=diplomacy360',
                  f'--directory={root}', '--output', str(pot), *files], env=c_locale())
    if result.returncode != 0:
        return [f'xgettext failed:\n{result.stderr.strip()}']
    return []


def check_language(lang, po, pot):
    problems = []
    if not po.is_file():
        return [f'{lang}: po/LINGUAS lists it, but {po.name} does not exist']

    result = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, str(po)],
                 env=c_locale())
    stats = result.stderr.strip()
    if result.returncode != 0:
        problems.append(f'{lang}: msgfmt --check failed:\n    ' +
                        '\n    '.join(stats.splitlines()))
    elif re.search(r'\d+ (fuzzy|untranslated)', stats):
        problems.append(f'{lang}: msgfmt --statistics: {stats}')

    untranslated = select(po, '--untranslated')
    fuzzy = select(po, '--only-fuzzy')
    missing = []
    if pot.exists():
        result = run(['msgcmp', str(po), str(pot)], env=c_locale())
        if result.returncode != 0:
            # msgcmp also fails for untranslated and fuzzy messages; the
            # messages missing from the .po altogether are those a merge with
            # the fresh POT leaves untranslated beyond those.
            known = {key for key, _ in untranslated + fuzzy}
            merged = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--no-wrap',
                          '--output-file=-', str(po), str(pot)], env=c_locale())
            missing = [(key, where) for key, where in select(merged.stdout, '--untranslated')
                       if key not in known]
            if not (missing or untranslated or fuzzy):
                problems.append(f'{lang}: msgcmp {po.name} against the sources failed:\n    ' +
                                '\n    '.join(result.stderr.strip().splitlines()))

    for title, entries in (
            (f'in the sources but missing from {po.name}', missing),
            (f'untranslated in {po.name}', untranslated),
            (f'fuzzy in {po.name}', fuzzy)):
        if entries:
            problems.append(f'{lang}: {len(entries)} message(s) {title}:')
            problems += [f'    {key}' + (f'  ({where})' if where else '')
                         for key, where in entries]
    if missing or untranslated or fuzzy:
        problems.append(f'{lang}: update it with `meson compile -C build diplomacy360-update-po`, '
                        'translate, and remove the fuzzy flags')
    return problems


def main():
    here = pathlib.Path(__file__).resolve()
    parser = argparse.ArgumentParser(description='Check that every language is complete.')
    parser.add_argument('--source-root', type=pathlib.Path, default=here.parents[2])
    parser.add_argument('--po-dir', type=pathlib.Path,
                        help='the po folder (default: SOURCE_ROOT/po)')
    args = parser.parse_args()
    root = args.source_root.resolve()
    po_dir = (args.po_dir or root / 'po').resolve()

    problems, files = check_potfiles(root, po_dir)
    languages = read_list(po_dir / 'LINGUAS')
    if not languages:
        problems.append('po/LINGUAS is missing or lists no language')

    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / 'fresh.pot'
        if files:
            problems += extract_pot(root, files, pot)
        for lang in languages:
            problems += check_language(lang, po_dir / f'{lang}.po', pot)

        if problems:
            for problem in problems:
                print(problem)
            return 1
        count = len(messages(pot.read_text(encoding='utf-8'))) if pot.exists() else 0
    print(f'{count} message(s) from {len(files)} file(s); complete in: {", ".join(languages)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
