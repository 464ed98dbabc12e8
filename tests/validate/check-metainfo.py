#!/usr/bin/python3
# Checks the AppStream metainfo for what software centres need and Debian 12's
# appstreamcli (0.16) does not enforce: releases, screenshots, developer,
# content rating, launchable, and our component id.
#
# Usage: check-metainfo.py METAINFO [--desktop-file FILE] [--id ID] [--version VERSION]

import argparse
import datetime
import pathlib
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def untranslated(parent, tag):
    """The children named tag that are not translations (no xml:lang)."""
    return [child for child in parent.findall(tag) if child.get(XML_LANG) is None]


def text_of(element):
    return (element.text or '').strip() if element is not None else ''


def check(root, args):
    problems = []

    if root.tag != 'component':
        return [f'the root element is <{root.tag}>, not <component>']
    if root.get('type') != 'desktop-application':
        problems.append(f'<component type="{root.get("type")}">: expected type="desktop-application"')

    ids = untranslated(root, 'id')
    if len(ids) != 1 or text_of(ids[0]) != args.id:
        found = ', '.join(repr(text_of(i)) for i in ids) or 'none'
        problems.append(f'<id> must be exactly one, "{args.id}" (found {found})')

    # Releases: at least one, each with a version and a date (or timestamp).
    releases = root.find('releases')
    items = releases.findall('release') if releases is not None else []
    if not items:
        problems.append('<releases> needs at least one <release version="…" date="YYYY-MM-DD">')
    for index, release in enumerate(items, 1):
        version = release.get('version')
        date = release.get('date')
        if not version:
            problems.append(f'release #{index} has no version attribute')
        if date:
            try:
                datetime.date.fromisoformat(date[:10])
            except ValueError:
                problems.append(f'release {version or "#" + str(index)}: date "{date}" '
                                'is not YYYY-MM-DD')
        elif not release.get('timestamp'):
            problems.append(f'release {version or "#" + str(index)} has no date')
    if items and args.version and items[0].get('version') != args.version:
        problems.append(f'the newest release is {items[0].get("version")!r} but the project '
                        f'version is {args.version!r}: add a <release> for it (newest first)')

    # Screenshots: at least one, each with an image, exactly one default.
    screenshots = root.find('screenshots')
    shots = screenshots.findall('screenshot') if screenshots is not None else []
    if not shots:
        problems.append('<screenshots> needs at least one <screenshot> with an <image>')
    for index, shot in enumerate(shots, 1):
        images = [text_of(image) for image in shot.findall('image')]
        if not any(images):
            problems.append(f'screenshot #{index} has no <image>')
        for image in images:
            if image and not image.startswith('https://'):
                problems.append(f'screenshot #{index}: image "{image}" is not an https:// URL')
        if not untranslated(shot, 'caption'):
            problems.append(f'screenshot #{index} has no <caption>')
    defaults = [shot for shot in shots if shot.get('type') == 'default']
    if shots and len(defaults) != 1:
        problems.append(f'exactly one screenshot must have type="default" (found {len(defaults)})')

    # Developer: the AppStream 1.0 <developer><name>, or the older <developer_name>.
    developer = root.find('developer')
    developer_names = untranslated(developer, 'name') if developer is not None else []
    old_names = untranslated(root, 'developer_name')
    if not any(text_of(n) for n in developer_names + old_names):
        problems.append('no developer: add <developer id="…"><name>…</name></developer> '
                        '(and <developer_name> for older AppStream)')
    if developer is not None and not developer.get('id'):
        problems.append('<developer> has no id attribute')

    rating = root.find('content_rating')
    if rating is None or not (rating.get('type') or '').startswith('oars-'):
        problems.append('no <content_rating type="oars-1.1"/>')

    launchables = [l for l in root.findall('launchable') if l.get('type') == 'desktop-id']
    if not launchables:
        problems.append('no <launchable type="desktop-id">')
    elif args.desktop_file:
        expected = pathlib.Path(args.desktop_file).name
        names = [text_of(l) for l in launchables]
        if expected not in names:
            problems.append(f'<launchable type="desktop-id"> is {", ".join(names)!s}, '
                            f'but the desktop file is {expected}')
        if expected != f'{args.id}.desktop':
            problems.append(f'the desktop file {expected} is not named after the id {args.id}')

    return problems


def main():
    parser = argparse.ArgumentParser(description='Check the AppStream metainfo.')
    parser.add_argument('metainfo')
    parser.add_argument('--desktop-file', help='the desktop file the launchable must name')
    parser.add_argument('--id', default='com.diplomacy360.Desktop')
    parser.add_argument('--version', help='the project version the newest release must be')
    args = parser.parse_args()

    try:
        root = ET.parse(args.metainfo).getroot()
    except (OSError, ET.ParseError) as error:
        print(f'{args.metainfo}: cannot read: {error}')
        return 1

    problems = check(root, args)
    if problems:
        print(f'{args.metainfo}:')
        for problem in problems:
            print(f'  {problem}')
        return 1
    print(f'{args.metainfo}: releases, screenshots, developer, content rating and '
          'launchable are present')
    return 0


if __name__ == '__main__':
    sys.exit(main())
