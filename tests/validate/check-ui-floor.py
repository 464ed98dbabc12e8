#!/usr/bin/python3
# Rejects GtkBuilder files that use classes, properties or signals newer than
# the platform floor (GTK 4.8, libadwaita 1.2).
#
# The C version macros in meson.build catch new API in C code; .ui files are not
# covered by them, so this check reads every .ui under data/ (including the
# interfaces embedded in GtkBuilderListItemFactory CDATA) and reports each
# offence as file:line.
#
# Two layers:
#  - a static list of classes and properties that appeared after the floor; it
#    works on any system, including newer runtimes;
#  - when the GTK and libadwaita typelibs installed are the floor itself
#    (Debian 12), every class, property and signal of a GTK/Adw object must
#    exist in them.  On a newer system this part is skipped.
#
# Usage: check-ui-floor.py [--root DIR] [FILE.ui ...]
#        check-ui-floor.py --self-test

import argparse
import pathlib
import sys
import xml.parsers.expat

FLOOR = {'gtk': (4, 8), 'libadwaita': (1, 2)}

# Class → (library version it appeared in, what to use on the floor).
NEWER_CLASSES = {
    # libadwaita
    'AdwBanner': ('libadwaita 1.3', 'a GtkRevealer with a box, or an AdwToast'),
    'AdwTabOverview': ('libadwaita 1.3', 'AdwTabBar'),
    'AdwTabButton': ('libadwaita 1.3', 'AdwTabBar'),
    'AdwToolbarView': ('libadwaita 1.4', 'a vertical GtkBox with an AdwHeaderBar'),
    'AdwNavigationSplitView': ('libadwaita 1.4', 'AdwLeaflet'),
    'AdwOverlaySplitView': ('libadwaita 1.4', 'AdwFlap'),
    'AdwNavigationView': ('libadwaita 1.4', 'AdwLeaflet'),
    'AdwNavigationPage': ('libadwaita 1.4', 'AdwLeafletPage children of an AdwLeaflet'),
    'AdwBreakpoint': ('libadwaita 1.4', 'AdwLeaflet / AdwFlap folding, or AdwSqueezer'),
    'AdwBreakpointBin': ('libadwaita 1.4', 'AdwLeaflet / AdwFlap folding, or AdwSqueezer'),
    'AdwSwitchRow': ('libadwaita 1.4', 'AdwActionRow with a GtkSwitch suffix'),
    'AdwSpinRow': ('libadwaita 1.4', 'AdwActionRow with a GtkSpinButton suffix'),
    'AdwDialog': ('libadwaita 1.5', 'AdwWindow or GtkWindow (modal, transient-for)'),
    'AdwAlertDialog': ('libadwaita 1.5', 'AdwMessageDialog'),
    'AdwAboutDialog': ('libadwaita 1.5', 'AdwAboutWindow'),
    'AdwPreferencesDialog': ('libadwaita 1.5', 'AdwPreferencesWindow'),
    'AdwButtonRow': ('libadwaita 1.6', 'an activatable AdwActionRow, or a GtkButton'),
    'AdwBottomSheet': ('libadwaita 1.6', 'AdwFlap'),
    'AdwMultiLayoutView': ('libadwaita 1.6', 'AdwLeaflet or AdwSqueezer'),
    'AdwLayout': ('libadwaita 1.6', 'AdwLeaflet or AdwSqueezer'),
    'AdwLayoutSlot': ('libadwaita 1.6', 'AdwLeaflet or AdwSqueezer'),
    'AdwSpinner': ('libadwaita 1.6', 'GtkSpinner'),
    'AdwSpinnerPaintable': ('libadwaita 1.6', 'GtkSpinner'),
    'AdwWrapBox': ('libadwaita 1.7', 'GtkFlowBox'),
    'AdwWrapLayout': ('libadwaita 1.7', 'GtkFlowBox'),
    'AdwToggleGroup': ('libadwaita 1.7', 'linked GtkToggleButtons (style class "linked")'),
    'AdwToggle': ('libadwaita 1.7', 'GtkToggleButton'),
    'AdwInlineViewSwitcher': ('libadwaita 1.7', 'AdwViewSwitcher'),
    'AdwShortcutsDialog': ('libadwaita 1.8', 'GtkShortcutsWindow (gtk/help-overlay.ui)'),
    'AdwShortcutsSection': ('libadwaita 1.8', 'GtkShortcutsSection'),
    'AdwShortcutsItem': ('libadwaita 1.8', 'GtkShortcutsShortcut'),
    'AdwShortcutLabel': ('libadwaita 1.8', 'GtkShortcutLabel'),
    'AdwSidebar': ('libadwaita 1.9', 'a GtkListBox with the "navigation-sidebar" style class'),
    'AdwSidebarItem': ('libadwaita 1.9', 'a GtkListBoxRow'),
    'AdwSidebarSection': ('libadwaita 1.9', 'a GtkListBox'),
    'AdwViewSwitcherSidebar': ('libadwaita 1.9', 'a GtkStackSidebar or a GtkListBox'),
    # GTK
    'GtkFileDialog': ('GTK 4.10', 'GtkFileChooserNative'),
    'GtkAlertDialog': ('GTK 4.10', 'AdwMessageDialog'),
    'GtkColorDialog': ('GTK 4.10', 'GtkColorChooserDialog'),
    'GtkColorDialogButton': ('GTK 4.10', 'GtkColorButton'),
    'GtkFontDialog': ('GTK 4.10', 'GtkFontChooserDialog'),
    'GtkFontDialogButton': ('GTK 4.10', 'GtkFontButton'),
    'GtkUriLauncher': ('GTK 4.10', 'gtk_show_uri() through d360-compat'),
    'GtkFileLauncher': ('GTK 4.10', 'gtk_show_uri() through d360-compat'),
    'GtkListHeader': ('GTK 4.12', 'no section headers on the floor'),
    'GtkSectionModel': ('GTK 4.12', 'no section headers on the floor'),
    'GtkColumnViewCell': ('GTK 4.12', 'GtkListItem'),
    'GtkColumnViewRow': ('GTK 4.12', 'GtkListItem'),
    'GtkGraphicsOffload': ('GTK 4.14', 'a plain GtkPicture'),
    'GtkPrintDialog': ('GTK 4.14', 'GtkPrintOperation'),
}

# Class → {property: library version}.  Looked up along PARENTS, and the
# GtkWidget entries apply to every widget.
NEWER_PROPERTIES = {
    'AdwHeaderBar': {'show-back-button': 'libadwaita 1.4', 'show-title': 'libadwaita 1.4'},
    'AdwWindow': {'current-breakpoint': 'libadwaita 1.4', 'dialogs': 'libadwaita 1.5',
                  'visible-dialog': 'libadwaita 1.5', 'adaptive-preview': 'libadwaita 1.7'},
    'AdwApplicationWindow': {'current-breakpoint': 'libadwaita 1.4',
                             'dialogs': 'libadwaita 1.5',
                             'visible-dialog': 'libadwaita 1.5',
                             'adaptive-preview': 'libadwaita 1.7'},
    'AdwPreferencesPage': {'description': 'libadwaita 1.4',
                           'description-centered': 'libadwaita 1.8'},
    'AdwPreferencesGroup': {'separate-rows': 'libadwaita 1.6'},
    'AdwActionRow': {'subtitle-selectable': 'libadwaita 1.3'},
    'AdwExpanderRow': {'title-lines': 'libadwaita 1.3', 'subtitle-lines': 'libadwaita 1.3'},
    'AdwComboRow': {'enable-search': 'libadwaita 1.4', 'header-factory': 'libadwaita 1.6'},
    'AdwEntryRow': {'max-length': 'libadwaita 1.5'},
    'AdwToast': {'use-markup': 'libadwaita 1.4'},
    'AdwClamp': {'unit': 'libadwaita 1.4'},
    'AdwClampScrollable': {'unit': 'libadwaita 1.4'},
    'AdwClampLayout': {'unit': 'libadwaita 1.4'},
    'AdwButtonContent': {'can-shrink': 'libadwaita 1.4'},
    'AdwSplitButton': {'can-shrink': 'libadwaita 1.4'},
    'AdwViewStack': {'enable-transitions': 'libadwaita 1.7',
                     'transition-duration': 'libadwaita 1.7'},
    'GtkStringList': {'strings': 'GTK 4.10'},
    'GtkListView': {'tab-behavior': 'GTK 4.12', 'header-factory': 'GTK 4.12'},
    'GtkGridView': {'tab-behavior': 'GTK 4.12'},
    'GtkColumnView': {'tab-behavior': 'GTK 4.12', 'header-factory': 'GTK 4.12',
                      'row-factory': 'GTK 4.12'},
    'GtkColumnViewColumn': {'id': 'GTK 4.10'},
    'GtkDropDown': {'header-factory': 'GTK 4.12', 'search-match-mode': 'GTK 4.12'},
    'GtkButton': {'can-shrink': 'GTK 4.12'},
    'GtkMenuButton': {'can-shrink': 'GTK 4.12', 'active': 'GTK 4.10'},
    'GtkCenterBox': {'shrink-center-last': 'GTK 4.12'},
    'GtkSpinButton': {'activates-default': 'GTK 4.14'},
    'GtkSearchEntry': {'input-hints': 'GTK 4.14', 'input-purpose': 'GTK 4.14'},
    'GtkPopoverMenu': {'flags': 'GTK 4.14'},
    'GtkSortListModel': {'section-sorter': 'GTK 4.12'},
    'GtkFilterListModel': {'watch-items': 'GTK 4.20'},
    'GtkListItem': {'focusable': 'GTK 4.12', 'accessible-description': 'GTK 4.12',
                    'accessible-label': 'GTK 4.12'},
    'GtkWidget': {'limit-events': 'GTK 4.18'},
}

PARENTS = {
    'AdwPreferencesWindow': 'AdwWindow',
    'AdwAboutWindow': 'AdwWindow',
    'AdwComboRow': 'AdwActionRow',
    'AdwPasswordEntryRow': 'AdwEntryRow',
    'GtkToggleButton': 'GtkButton',
    'GtkLinkButton': 'GtkButton',
}


def ancestors(cls):
    while cls:
        yield cls
        cls = PARENTS.get(cls)
    yield 'GtkWidget'


def parse_version(text):
    try:
        return tuple(int(part) for part in text.split('.')[:2])
    except ValueError:
        return None


class Floor:
    """The installed GTK and libadwaita, when they are the floor itself."""

    def __init__(self):
        self.gtk = self.adw = None
        self.reason = None
        try:
            import gi
            gi.require_version('Gtk', '4.0')
            gi.require_version('Adw', '1')
            from gi.repository import Adw, GObject, Gtk
        except (ImportError, ValueError) as error:
            self.reason = f'GTK/libadwaita introspection not available ({error})'
            return
        gtk = (Gtk.get_major_version(), Gtk.get_minor_version())
        adw = (Adw.get_major_version(), Adw.get_minor_version())
        if gtk != FLOOR['gtk'] or adw != FLOOR['libadwaita']:
            self.reason = (f'installed GTK {gtk[0]}.{gtk[1]} / libadwaita {adw[0]}.{adw[1]} '
                           'is not the floor')
            return
        self.gtk, self.adw, self.gobject = Gtk, Adw, GObject

    @property
    def available(self):
        return self.gtk is not None

    def lookup(self, cls):
        """The Python class for a GTK/Adw type name, False if the floor lacks it,
        None if the name is not a GTK/Adw type (our own classes)."""
        for prefix, module in (('Gtk', self.gtk), ('Adw', self.adw)):
            if cls.startswith(prefix) and cls[len(prefix):][:1].isupper():
                return getattr(module, cls[len(prefix):], False)
        return None

    def has_property(self, klass, name):
        return klass.find_property(name) is not None

    def has_signal(self, klass, name):
        # A class's signals are registered by its class_init, which runs on the
        # first reference to the class: before that every lookup says 0.
        gtype = klass.__gtype__
        if not gtype.is_interface():
            self.gobject.type_class_ref(gtype)
        return self.gobject.signal_lookup(name, gtype) != 0


class UiChecker:
    def __init__(self, floor):
        self.floor = floor
        self.offences = []

    def offend(self, where, message):
        self.offences.append(f'{where}: {message}')

    def check_file(self, path, display=None):
        display = display or str(path)
        try:
            text = pathlib.Path(path).read_bytes()
        except OSError as error:
            self.offend(display, f'cannot read: {error.strerror}')
            return
        self.check_text(text, display, 0)

    def check_text(self, text, display, line_offset):
        parser = xml.parsers.expat.ParserCreate()
        stack = []            # (element name, attributes, effective class or None)
        cdata = {'line': None, 'chunks': None}

        def where():
            return f'{display}:{parser.CurrentLineNumber + line_offset}'

        def object_class():
            # The class a <property> or <signal> applies to: that of the
            # nearest enclosing <object>/<template>, unless a <layout> or
            # <accessibility> element sits in between.
            if len(stack) < 1:
                return None, False
            name, attrs, cls = stack[-1]
            if name not in ('object', 'template'):
                return None, False
            return cls, name == 'template' and 'parent' in attrs

        def start(name, attrs):
            cls = None
            if name == 'requires':
                self.check_requires(attrs, where())
            elif name == 'object':
                cls = attrs.get('class')
                if cls:
                    self.check_class(cls, where())
            elif name == 'template':
                cls = attrs.get('parent') or attrs.get('class')
                if cls:
                    self.check_class(cls, where())
            elif name in ('property', 'signal') and attrs.get('name'):
                cls, custom = object_class()
                if cls:
                    if name == 'property':
                        self.check_property(cls, attrs['name'], custom, where())
                    else:
                        self.check_signal(cls, attrs['name'], custom, where())
            stack.append((name, attrs, cls))

        def end(name):
            stack.pop()

        def start_cdata():
            if stack and stack[-1][0] == 'property':
                cdata['line'] = parser.CurrentLineNumber + line_offset
                cdata['chunks'] = []

        def characters(data):
            if cdata['chunks'] is not None:
                cdata['chunks'].append(data)

        def end_cdata():
            chunks, line = cdata['chunks'], cdata['line']
            cdata['chunks'] = cdata['line'] = None
            inner = ''.join(chunks or [])
            if '<interface' in inner:
                # A list item factory template: an interface of its own.  GMarkup
                # accepts blank lines before its <?xml?> declaration; expat does not.
                stripped = inner.lstrip()
                skipped = inner[:len(inner) - len(stripped)].count('\n')
                self.check_text(stripped.encode('utf-8'), display, line - 1 + skipped)

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.StartCdataSectionHandler = start_cdata
        parser.EndCdataSectionHandler = end_cdata
        parser.CharacterDataHandler = characters
        try:
            parser.Parse(text, True)
        except xml.parsers.expat.ExpatError as error:
            self.offend(f'{display}:{error.lineno + line_offset}',
                        f'not well-formed XML: {xml.parsers.expat.ErrorString(error.code)}')

    def check_requires(self, attrs, where):
        lib, version = attrs.get('lib'), attrs.get('version', '')
        floor = FLOOR.get(lib)
        wanted = parse_version(version)
        if floor and wanted and wanted > floor:
            self.offend(where, f'<requires lib="{lib}" version="{version}"> is above the '
                        f'floor {floor[0]}.{floor[1]}')

    def check_class(self, cls, where):
        if cls in NEWER_CLASSES:
            since, instead = NEWER_CLASSES[cls]
            self.offend(where, f'{cls} needs {since}, newer than the floor; use {instead}')
        elif self.floor.available and self.floor.lookup(cls) is False:
            self.offend(where, f'{cls} does not exist in GTK 4.8 / libadwaita 1.2')

    def check_property(self, cls, prop, custom, where):
        prop = prop.replace('_', '-')
        for ancestor in ancestors(cls):
            since = NEWER_PROPERTIES.get(ancestor, {}).get(prop)
            if since:
                self.offend(where, f'property "{prop}" of {ancestor} needs {since}, '
                            'newer than the floor')
                return
        # A template's own class may define the property: only our static
        # list can judge those.
        if custom or not self.floor.available or cls in NEWER_CLASSES:
            return
        klass = self.floor.lookup(cls)
        if klass and not self.floor.has_property(klass, prop):
            self.offend(where, f'{cls} has no property "{prop}" in GTK 4.8 / libadwaita 1.2')

    def check_signal(self, cls, signal, custom, where):
        if custom or not self.floor.available or cls in NEWER_CLASSES:
            return
        klass = self.floor.lookup(cls)
        name = signal.split('::')[0]
        if klass and not self.floor.has_signal(klass, name):
            self.offend(where, f'{cls} has no signal "{name}" in GTK 4.8 / libadwaita 1.2')


SELF_TEST_BAD = '''<?xml version="1.0" encoding="UTF-8"?>
<interface>
  <requires lib="libadwaita" version="1.4"/>
  <template class="D360Thing" parent="AdwBin">
    <property name="child">
      <object class="AdwToolbarView">
        <child type="top">
          <object class="AdwHeaderBar">
            <property name="show-title">false</property>
          </object>
        </child>
        <property name="content">
          <object class="GtkListView">
            <property name="factory">
              <object class="GtkBuilderListItemFactory">
                <property name="bytes"><![CDATA[
<?xml version="1.0" encoding="UTF-8"?>
<interface>
  <template class="GtkListItem">
    <property name="child">
      <object class="AdwSwitchRow"/>
    </property>
  </template>
</interface>
                ]]></property>
              </object>
            </property>
          </object>
        </property>
      </object>
    </property>
  </template>
</interface>
'''

SELF_TEST_GOOD = '''<?xml version="1.0" encoding="UTF-8"?>
<interface>
  <requires lib="gtk" version="4.8"/>
  <requires lib="libadwaita" version="1.2"/>
  <template class="D360Thing" parent="AdwBin">
    <property name="my-own-property">1</property>
    <property name="child">
      <object class="GtkBox">
        <property name="orientation">vertical</property>
        <child>
          <object class="AdwHeaderBar">
            <property name="centering-policy">strict</property>
          </object>
        </child>
        <child>
          <object class="AdwActionRow">
            <property name="title">Row</property>
            <signal name="activated" handler="row_activated_cb" swapped="true"/>
            <child type="suffix">
              <object class="GtkSwitch">
                <signal name="notify::active" handler="switched_cb"/>
              </object>
            </child>
          </object>
        </child>
      </object>
    </property>
  </template>
</interface>
'''


def self_test(floor):
    failures = []

    bad = UiChecker(floor)
    bad.check_text(SELF_TEST_BAD.encode(), 'bad.ui', 0)
    expected = {
        'bad.ui:3': 'requires',
        'bad.ui:6': 'AdwToolbarView',
        'bad.ui:9': 'show-title',
        'bad.ui:21': 'AdwSwitchRow',
    }
    for where, needle in expected.items():
        if not any(o.startswith(where + ':') and needle in o for o in bad.offences):
            failures.append(f'expected an offence about {needle} at {where}')
    if len(bad.offences) != len(expected):
        failures.append('unexpected offences:\n  ' + '\n  '.join(bad.offences))

    good = UiChecker(floor)
    good.check_text(SELF_TEST_GOOD.encode(), 'good.ui', 0)
    failures += [f'false positive: {o}' for o in good.offences]

    if floor.available:
        # The static lists must not reject anything the floor has.
        for cls in NEWER_CLASSES:
            if floor.lookup(cls):
                failures.append(f'{cls} is listed as too new, but the floor has it')
        for cls, props in NEWER_PROPERTIES.items():
            klass = floor.lookup(cls)
            if not klass:
                failures.append(f'{cls} in NEWER_PROPERTIES does not exist on the floor')
                continue
            for prop in props:
                if floor.has_property(klass, prop):
                    failures.append(f'{cls}:{prop} is listed as too new, but the floor has it')
    else:
        print(f'note: introspection cross-check skipped: {floor.reason}')

    for failure in failures:
        print(f'FAIL: {failure}')
    if not failures:
        print('self-test passed')
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--root', type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parents[2],
                        help='source tree whose data/**/*.ui are checked')
    parser.add_argument('--self-test', action='store_true',
                        help='check the checker on built-in good and bad files')
    parser.add_argument('files', nargs='*', type=pathlib.Path)
    args = parser.parse_args()

    floor = Floor()
    if args.self_test:
        return self_test(floor)

    if args.files:
        files = [(path, str(path)) for path in args.files]
    else:
        found = sorted((args.root / 'data').rglob('*.ui'))
        files = [(path, str(path.relative_to(args.root))) for path in found]
    if not files:
        print('no .ui files to check')
        return 0

    checker = UiChecker(floor)
    for path, display in files:
        checker.check_file(path, display)

    if not floor.available:
        print(f'note: only the static list was used: {floor.reason}')
    if checker.offences:
        print('These .ui files use API that GTK 4.8 / libadwaita 1.2 do not have:')
        for offence in checker.offences:
            print(f'  {offence}')
        print(f'{len(checker.offences)} offence(s); see "On the floor, use" in STYLE.md.')
        return 1
    print(f'{len(files)} .ui file(s) stay within GTK 4.8 / libadwaita 1.2')
    return 0


if __name__ == '__main__':
    sys.exit(main())
