#!/usr/bin/env python3
"""Check the Flatpak manifest, print TAP.

Usage: check-manifest.py com.diplomacy360.Desktop.yml

The manifest is read the way flatpak-builder reads it, via
`flatpak-builder --show-manifest` (no runtime or network is needed for
that). If flatpak-builder is missing, or fails on a trivial known-good
manifest too (so the failure is the machine's, not the manifest's), the
YAML is parsed with PyYAML instead and the output says so.

Then it checks what the sandbox and the build rely on: the app id and
command, the GNOME runtime and SDK, that finish-args grant exactly IPC,
Wayland, fallback X11 and DRI (no network, no host files), that the app
is the last module, built with meson from this checkout with deprecations
as errors, that every downloaded source is pinned by a sha256, and that
the libraries the runtime lacks (libxlsxwriter, poppler) are built.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = 'com.diplomacy360.Desktop'
COMMAND = 'diplomacy360'
RUNTIME = 'org.gnome.Platform'
SDK = 'org.gnome.Sdk'
FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11',
               '--device=dri']
DEPRECATION_FLAG = '-Werror=deprecated-declarations'
UNDO_FLAGS = ('-Wno-deprecated-declarations',
              '-Wno-error=deprecated-declarations', '-Wno-error',
              '-Wno-deprecated')
REQUIRED_MODULES = ['libxlsxwriter', 'poppler']
SHA256_RE = re.compile(r'^[0-9a-f]{64}$')
# Source types that download something and so must carry a checksum.
DOWNLOAD_TYPES = ('archive', 'file')


class Tap:
    def __init__(self):
        self.results = []   # (ok, description, diagnostics, directive);
                            # diagnostics are printed for failures only
        self.notes = []     # printed before the plan

    def note(self, text):
        self.notes.append(text)

    def check(self, ok, description, diag=None, directive=None):
        self.results.append((bool(ok), description, diag, directive))
        return ok

    def skip(self, description, reason):
        self.results.append((True, description, None, 'SKIP ' + reason))

    def finish(self):
        for line in self.notes:
            print('# ' + line)
        print('1..%d' % len(self.results))
        failed = 0
        for n, (ok, desc, diag, directive) in enumerate(self.results, 1):
            line = '%s %d - %s' % ('ok' if ok else 'not ok', n, desc)
            if directive:
                line += ' # ' + directive
            print(line)
            if diag and not ok:
                for d in str(diag).rstrip().splitlines():
                    print('#   ' + d)
            if not ok:
                failed += 1
        sys.stdout.flush()
        return 1 if failed else 0


def run_show_manifest(flatpak_builder, manifest, workdir):
    """Run `flatpak-builder --show-manifest` in workdir (it creates a
    .flatpak-builder directory in its working directory)."""
    # The suite's G_ENABLE_DIAGNOSTIC=1 makes GLib warn about
    # flatpak-builder's own deprecated GObject properties (BuilderModule:cmake
    # and the like) whatever the manifest says; G_DEBUG could make warnings
    # fatal. Neither says anything about the manifest.
    env = dict(os.environ)
    for var in ('G_ENABLE_DIAGNOSTIC', 'G_DEBUG'):
        env.pop(var, None)
    env['LC_ALL'] = 'C'
    try:
        proc = subprocess.run(
            [flatpak_builder, '--show-manifest', os.path.abspath(manifest)],
            cwd=workdir, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        return None, '', str(e)
    return proc.returncode, proc.stdout, proc.stderr


def warnings_in(stderr):
    """flatpak-builder warns, but still exits 0, on unknown properties and
    on values of the wrong type (which it then drops)."""
    return [l for l in stderr.splitlines()
            if 'WARNING' in l or 'CRITICAL' in l]


def load_yaml(path):
    import yaml  # python3-yaml
    with open(path, encoding='utf-8') as f:
        return yaml.safe_load(f)


def load_include(base_dir, name):
    """A module or source given as a file name (flatpak-builder inlines
    these itself; the YAML fallback has to)."""
    path = os.path.join(base_dir, name)
    if name.endswith(('.yml', '.yaml')):
        return load_yaml(path), os.path.dirname(path)
    with open(path, encoding='utf-8') as f:
        return json.load(f), os.path.dirname(path)


def walk_modules(modules, base_dir, parents=()):
    """Yield (path, module) for every module, nested ones included."""
    for m in modules or []:
        mdir = base_dir
        if isinstance(m, str):
            m, mdir = load_include(base_dir, m)
        if not isinstance(m, dict):
            continue
        path = parents + (str(m.get('name', '?')),)
        yield path, m, mdir
        for sub in walk_modules(m.get('modules'), mdir, path):
            yield sub


def module_sources(module, base_dir):
    out = []
    for s in module.get('sources') or []:
        if isinstance(s, str):
            loaded, _ = load_include(base_dir, s)
            out.extend(loaded if isinstance(loaded, list) else [loaded])
        else:
            out.append(s)
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: %s MANIFEST\n' % argv[0])
        return 2
    manifest = argv[1]
    manifest_dir = os.path.dirname(os.path.abspath(manifest))
    tap = Tap()

    # -- Parse -------------------------------------------------------------
    data = None
    fb = shutil.which('flatpak-builder')
    fb_stderr = None
    fallback_reason = None
    if fb is None:
        fallback_reason = 'flatpak-builder is not installed'
    else:
        with tempfile.TemporaryDirectory(prefix='d360-fb-') as work:
            rc, out, err = run_show_manifest(fb, manifest, work)
            if rc == 0:
                try:
                    data = json.loads(out)
                    fb_stderr = err
                except ValueError as e:
                    fallback_reason = ('flatpak-builder printed no JSON (%s)'
                                       % e)
            else:
                # Is it the manifest or the machine? Try a trivial manifest.
                probe = os.path.join(work, 'probe.json')
                with open(probe, 'w') as f:
                    json.dump({'id': 'org.example.Probe', 'modules': []}, f)
                prc, _, perr = run_show_manifest(fb, probe, work)
                if prc == 0:
                    tap.check(False, 'flatpak-builder --show-manifest reads '
                              + os.path.basename(manifest),
                              diag='exit status %s\n%s' % (rc, err))
                    return tap.finish()
                fallback_reason = ('flatpak-builder fails even on a trivial '
                                   'manifest here: %s'
                                   % (perr.strip() or 'exit status %s' % prc))

    if data is not None:
        tap.note('manifest read with %s --show-manifest' % fb)
        tap.check(True, 'flatpak-builder --show-manifest reads '
                  + os.path.basename(manifest))
        warns = warnings_in(fb_stderr or '')
        tap.check(not warns, 'flatpak-builder reports no unknown or '
                  'mistyped properties', diag='\n'.join(warns))
    else:
        tap.note('%s; falling back to parsing the YAML with python3-yaml '
                 '(flatpak-builder\'s own reading is not checked)'
                 % fallback_reason)
        try:
            data = load_yaml(manifest)
        except Exception as e:  # ImportError, yaml.YAMLError, OSError
            tap.check(False, 'manifest parses as YAML', diag=str(e))
            return tap.finish()
        if not isinstance(data, dict):
            tap.check(False, 'manifest parses as YAML',
                      diag='top level is %s, not a mapping'
                      % type(data).__name__)
            return tap.finish()
        tap.check(True, 'manifest parses as YAML')
        tap.skip('flatpak-builder reports no unknown or mistyped properties',
                 'flatpak-builder not usable')

    # -- Identity ----------------------------------------------------------
    ids = {k: data[k] for k in ('id', 'app-id') if k in data}
    tap.check(set(ids.values()) == {APP_ID}, 'app id is %s' % APP_ID,
              diag='found %r' % (ids or 'neither id nor app-id'))
    tap.check(data.get('command') == COMMAND, 'command is %s' % COMMAND,
              diag='found %r' % data.get('command'))
    tap.check(data.get('runtime') == RUNTIME, 'runtime is %s' % RUNTIME,
              diag='found %r' % data.get('runtime'))
    tap.check(data.get('sdk') == SDK, 'sdk is %s' % SDK,
              diag='found %r' % data.get('sdk'))
    rv = data.get('runtime-version')
    tap.check(isinstance(rv, str) and re.fullmatch(r'[0-9]+', rv or '')
              and int(rv) >= 47,
              'runtime-version is a stable GNOME release (>= 47)',
              diag='found %r' % (rv,))

    # -- Sandbox -----------------------------------------------------------
    fa = data.get('finish-args') or []
    extra = [a for a in fa if a not in FINISH_ARGS]
    missing = [a for a in FINISH_ARGS if a not in fa]
    dups = sorted({a for a in fa if fa.count(a) > 1})
    diag = []
    if extra:
        diag.append('not allowed: ' + ' '.join(extra))
    if missing:
        diag.append('missing: ' + ' '.join(missing))
    if dups:
        diag.append('repeated: ' + ' '.join(dups))
    tap.check(not diag, 'finish-args are exactly ' + ' '.join(FINISH_ARGS),
              diag='\n'.join(diag))
    risky = [a for a in fa if a.startswith(('--filesystem', '--share=network',
                                            '--socket=x11',
                                            '--socket=session-bus',
                                            '--socket=system-bus',
                                            '--device=all',
                                            '--talk-name',
                                            '--system-talk-name'))]
    tap.check(not risky, 'no host filesystem, network or bus access',
              diag='found: ' + ' '.join(risky))

    # -- Modules -----------------------------------------------------------
    modules = data.get('modules') or []
    try:
        everything = list(walk_modules(modules, manifest_dir))
    except Exception as e:
        tap.check(False, 'included module and source files load', diag=str(e))
        return tap.finish()

    last = modules[-1] if modules else None
    if isinstance(last, str):
        last, _ = load_include(manifest_dir, last)
    last = last if isinstance(last, dict) else {}
    tap.check(last.get('name') == COMMAND,
              'last module is the app (%s)' % COMMAND,
              diag='last module is %r' % last.get('name'))
    tap.check(last.get('buildsystem') == 'meson',
              'the app module builds with meson',
              diag='buildsystem %r' % last.get('buildsystem'))
    srcs = module_sources(last, manifest_dir)
    dirs = [s for s in srcs if isinstance(s, dict) and s.get('type') == 'dir']
    here = [s for s in dirs
            if os.path.realpath(os.path.join(manifest_dir, s.get('path', '')))
            == os.path.realpath(manifest_dir)]
    tap.check(len(here) == 1,
              'the app module builds this checkout (a type: dir source '
              'for the manifest\'s directory)',
              diag='sources: %r' % (srcs,))
    bo = last.get('build-options') or {}
    cflags = str(bo.get('cflags', ''))
    tap.check(DEPRECATION_FLAG in cflags.split(),
              'the app module\'s build-options cflags contain '
              + DEPRECATION_FLAG, diag='cflags %r' % cflags)
    # Nothing may switch the error back off (a later -Wno-... wins).
    undo = []
    for where, opts in (('app module', bo),
                        ('manifest', data.get('build-options') or {})):
        for key in ('cflags', 'cppflags'):
            for flag in str(opts.get(key, '')).split():
                if flag in UNDO_FLAGS:
                    undo.append('%s %s: %s' % (where, key, flag))
    tap.check(not undo, 'no build option turns deprecation errors back off',
              diag='\n'.join(undo))

    names = {path[-1]: (m, mdir) for path, m, mdir in everything}
    for req in REQUIRED_MODULES:
        m = names.get(req)
        ok = m is not None
        diag = None
        if ok:
            urls = [s.get('url', '') for s in module_sources(*m)
                    if isinstance(s, dict)]
            ok = any(req in u for u in urls)
            diag = None if ok else 'no source URL mentions %s: %r' % (req,
                                                                       urls)
        else:
            diag = 'modules: ' + ', '.join('/'.join(p) for p, _, _ in
                                          everything)
        tap.check(ok, 'a module builds %s from its upstream tarball' % req,
                  diag=diag)

    # -- Checksums: one line per downloaded source -------------------------
    downloads = 0
    for path, m, mdir in everything:
        try:
            srcs = module_sources(m, mdir)
        except Exception as e:
            tap.check(False, '%s: sources load' % '/'.join(path), diag=str(e))
            continue
        for s in srcs:
            if not isinstance(s, dict):
                continue
            stype = s.get('type')
            if stype not in DOWNLOAD_TYPES:
                continue
            url = s.get('url')
            if stype == 'file' and not url:
                continue    # a local file from the checkout, nothing fetched
            downloads += 1
            sha = str(s.get('sha256', ''))
            problems = []
            if not url:
                problems.append('no url')
            elif not url.startswith('https://'):
                problems.append('url is not https: %s' % url)
            if not SHA256_RE.match(sha):
                problems.append('sha256 is %r, not 64 lowercase hex digits'
                                % (s.get('sha256'),))
            tap.check(not problems, '%s: %s source %s has a url and a sha256'
                      % ('/'.join(path), stype,
                         os.path.basename(url or '') or '(no url)'),
                      diag='\n'.join(problems))
    tap.check(downloads > 0, 'the manifest downloads at least one pinned '
              'source (the runtime lacks libxlsxwriter and poppler)')

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
