"""Shared helpers for the end-to-end tests: start the built app, find it on the
AT-SPI desktop, type on the X keyboard, and print TAP.

The app runs with the variables meson's `test_env` sets (tests/meson.build);
APP names the built executable.
"""

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 20.0


# ------------------------------------------------------------------ TAP

class Tap:
    """Prints TAP lines as the checks run; the plan comes last."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, condition, description, diagnostic=None):
        self.count += 1
        if not condition:
            self.failed += 1
        print(f"{'ok' if condition else 'not ok'} {self.count} - {description}", flush=True)
        if not condition and diagnostic:
            self.diag(diagnostic)
        return condition

    def diag(self, text):
        for line in str(text).splitlines() or ['']:
            print(f'# {line}', flush=True)

    def bail_out(self, reason):
        print(f'Bail out! {reason}', flush=True)
        sys.exit(1)

    def finish(self):
        print(f'1..{self.count}', flush=True)
        return 1 if self.failed or self.count == 0 else 0


# ------------------------------------------------------------ the app

def app_path():
    path = os.environ.get('APP')
    if not path:
        path = os.path.join(os.environ.get('BUILD_DIR', 'build'), 'src', 'diplomacy360')
    return path


def app_env(**extra):
    env = dict(os.environ)
    env['D360_NO_BACKUP'] = '1'
    # Backups and any default database stay inside the test's own folders.
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


class TempDir:
    def __init__(self, prefix='d360-e2e-'):
        self.path = tempfile.mkdtemp(prefix=prefix)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def start_app(args, env, home):
    """Starts the app with its own HOME and XDG folders under @home."""
    env = dict(env)
    for key, sub in (('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
                     ('XDG_CACHE_HOME', 'cache')):
        env[key] = os.path.join(home, sub)
    return subprocess.Popen([app_path()] + list(args), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop(process):
    """Ends @process if it still runs; returns (stdout, stderr)."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def wait_for(function, timeout=TIMEOUT, interval=0.1):
    """Calls @function until it returns something true; returns that or None."""
    end = time.monotonic() + timeout
    while True:
        try:
            result = function()
        except Exception:  # the tree changes under us while we read it
            result = None
        if result:
            return result
        if time.monotonic() > end:
            return None
        time.sleep(interval)


# -------------------------------------------------------------- AT-SPI

_pyatspi = None


def atspi():
    """pyatspi, once the accessibility bus is known to answer: importing it
    with a dead bus aborts the process with no word of why."""
    global _pyatspi
    if _pyatspi is None:
        probe = subprocess.run(
            [sys.executable, '-c', 'import pyatspi; pyatspi.Registry.getDesktop(0).childCount'],
            capture_output=True, text=True, timeout=60)
        if probe.returncode != 0:
            print('Bail out! The AT-SPI accessibility bus does not answer. Is another test run '
                  'sharing its socket (XDG_RUNTIME_DIR unset, ~/.cache/at-spi)? '
                  + probe.stderr.strip().replace('\n', ' '), flush=True)
            sys.exit(1)
        import pyatspi
        _pyatspi = pyatspi
    return _pyatspi


def find_application(pid, timeout=TIMEOUT):
    """The accessible application of process @pid, or None."""
    pyatspi = atspi()

    def look():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == pid and app.childCount > 0:
                return app
        return None

    return wait_for(look, timeout)


def application_names():
    pyatspi = atspi()
    desktop = pyatspi.Registry.getDesktop(0)
    names = []
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None:
            names.append(f'{app.name!r} (pid {app.get_process_id()})')
    return names


def find_all(node, predicate, limit=40):
    """Every descendant of @node (itself included) for which @predicate holds."""
    found = []
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if current is None:
            continue
        try:
            if predicate(current):
                found.append(current)
            children = [current.getChildAtIndex(i) for i in range(current.childCount)]
        except Exception:
            continue
        if depth < limit:
            stack.extend((child, depth + 1) for child in reversed(children))
    return found


def find(node, role=None, name=None):
    """The first descendant with @role and @name (either may be None)."""
    def matches(n):
        return ((role is None or n.getRoleName() == role) and
                (name is None or n.name == name))
    found = find_all(node, matches)
    return found[0] if found else None


def find_first(node, role=None, name=None, limit=40):
    """What find() finds (the first in the same order), but it stops there
    instead of walking the rest of the tree: much faster in a large window."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if current is None:
            continue
        try:
            if ((role is None or current.getRoleName() == role) and
                    (name is None or current.name == name)):
                return current
            children = [current.getChildAtIndex(i) for i in range(current.childCount)]
        except Exception:
            continue
        if depth < limit:
            stack.extend((child, depth + 1) for child in reversed(children))
    return None


def find_button(node, label):
    """The push button showing @label. (libadwaita 1.2 names the buttons of an
    AdwMessageDialog "_Quit Quit": the mnemonic text, then the label.)"""
    def matches(n):
        if n.getRoleName() not in ('push button', 'toggle button'):
            return False
        if n.name == label:
            return True
        return any(c is not None and c.getRoleName() == 'label' and c.name == label
                   for c in (n.getChildAtIndex(i) for i in range(n.childCount)))
    found = find_all(node, matches)
    return found[0] if found else None


def has_state(node, state):
    return node.getState().contains(state)


def do_action(node, *names):
    """Runs the first of @names that @node offers (click, activate, press…)."""
    action = node.queryAction()
    offered = [action.getName(i) for i in range(action.nActions)]
    for name in names:
        if name in offered:
            return action.doAction(offered.index(name))
    raise RuntimeError(f'{node.getRoleName()} {node.name!r} offers {offered}, not {names}')


def is_on_screen(node, window):
    """Whether @node (or one of its children) is what @window shows at the
    centre of @node.

    GTK 4.8 sets STATE_SHOWING on windows only, so this asks the window which
    widget is under the point: GTK picks among mapped, drawn widgets only."""
    pyatspi = atspi()
    if node is None:
        return False
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    if extents.width <= 0 or extents.height <= 0:
        return False
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    hit = window.queryComponent().getAccessibleAtPoint(x, y, pyatspi.WINDOW_COORDS)
    # Down to the deepest widget there…
    for _ in range(100):
        if hit is None:
            return False
        try:
            deeper = hit.queryComponent().getAccessibleAtPoint(x, y, pyatspi.WINDOW_COORDS)
        except NotImplementedError:
            deeper = None
        if deeper is None or deeper == hit:
            break
        hit = deeper
    # …then up: is @node one of its ancestors?
    for _ in range(100):
        if hit is None or hit == window:
            return False
        if hit == node:
            return True
        hit = hit.parent
    return False


def any_on_screen(node, window, limit=30):
    """Whether some text inside @node is on screen (up to @limit labels are
    tried): for a container that has no accessible of its own at its centre."""
    labels = find_all(node, lambda n: n.getRoleName() == 'label' and bool(n.name))
    return any(is_on_screen(label, window) for label in labels[:limit])


# ------------------------------------------------------------ keyboard

class Keyboard:
    """Key presses through the X server's XTEST extension, as from a keyboard.

    (The AT-SPI registry can synthesize keys too, but under dbus-run-session
    it is started without DISPLAY and cannot reach the X server.)"""

    def __init__(self):
        self.x11 = ctypes.cdll.LoadLibrary('libX11.so.6')
        self.xtst = ctypes.cdll.LoadLibrary('libXtst.so.6')
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XStringToKeysym.restype = ctypes.c_ulong
        self.x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        self.x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            raise RuntimeError('Cannot open the X display')

    def keycode(self, name):
        keysym = self.x11.XStringToKeysym(name.encode())
        code = self.x11.XKeysymToKeycode(self.display, keysym) if keysym else 0
        if not code:
            raise ValueError(f'No key for {name}')
        return code

    def press(self, *names):
        """Presses @names together (modifiers first), then lets them go."""
        codes = [self.keycode(name) for name in names]
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
            self.x11.XSync(self.display, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
            self.x11.XSync(self.display, 0)

    def _borrow_keycode(self, keysym):
        """A keycode that types @keysym: a key with no symbol on it, given
        @keysym for the rest of the test (as xdotool does; each character
        keeps its own key, so no key press meets a changing map)."""
        borrowed = self.__dict__.setdefault('_borrowed', {})
        if keysym in borrowed:
            return borrowed[keysym]
        if '_spare' not in self.__dict__:
            low, high = ctypes.c_int(), ctypes.c_int()
            self.x11.XDisplayKeycodes(self.display, ctypes.byref(low), ctypes.byref(high))
            per = ctypes.c_int()
            self.x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
            self.x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte,
                                                     ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
            count = high.value - low.value + 1
            syms = self.x11.XGetKeyboardMapping(self.display, low.value, count,
                                                ctypes.byref(per))
            self._spare = [low.value + i for i in range(count - 1, -1, -1)
                           if not any(syms[i * per.value + j] for j in range(per.value))]
            self.x11.XFree(syms)
        if not self._spare:
            raise RuntimeError('No free keycode left to type with')
        code = self._spare.pop(0)
        pair = (ctypes.c_ulong * 2)(keysym, keysym)
        self.x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                    ctypes.c_void_p, ctypes.c_int]
        self.x11.XChangeKeyboardMapping(self.display, code, 2, pair, 1)
        self.x11.XSync(self.display, 0)
        time.sleep(0.1)  # the app reloads its keymap on the MappingNotify
        borrowed[keysym] = code
        return code

    def _type_keysym(self, keysym):
        self.x11.XKeycodeToKeysym.restype = ctypes.c_ulong
        self.x11.XKeycodeToKeysym.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int]
        code = self.x11.XKeysymToKeycode(self.display, keysym)
        modifiers = []
        if code and self.x11.XKeycodeToKeysym(self.display, code, 0) == keysym:
            pass
        elif code and self.x11.XKeycodeToKeysym(self.display, code, 1) == keysym:
            modifiers = [self.keycode('Shift_L')]
        else:
            code = self._borrow_keycode(keysym)
        for mod in modifiers:
            self.xtst.XTestFakeKeyEvent(self.display, mod, 1, 0)
        self.xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
        self.xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
        for mod in reversed(modifiers):
            self.xtst.XTestFakeKeyEvent(self.display, mod, 0, 0)
        self.x11.XSync(self.display, 0)

    def type(self, text):
        """Types @text character by character, any Unicode character
        included: one the keyboard map has no key for goes through a spare
        keycode. A newline is Return."""
        for char in text:
            if char == '\n':
                self.press('Return')
                continue
            point = ord(char)
            # Latin-1 keysyms are the code point; the rest are 0x1000000 + it.
            keysym = point if 0x20 <= point <= 0x7e or 0xa0 <= point <= 0xff \
                else 0x1000000 + point
            self._type_keysym(keysym)
            time.sleep(0.005)

    def close(self):
        if self.display:
            # Give the borrowed keys back their empty map.
            empty = (ctypes.c_ulong * 2)(0, 0)
            for code in self.__dict__.get('_borrowed', {}).values():
                self.x11.XChangeKeyboardMapping(self.display, code, 2, empty, 1)
            self.x11.XSync(self.display, 0)
            self.x11.XCloseDisplay(self.display)
            self.display = None


# ------------------------------------------------------------- pointer

class Pointer:
    """The mouse, through XTEST on @keyboard's display connection."""

    def __init__(self, keyboard):
        self.keyboard = keyboard
        self.xtst = keyboard.xtst
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                   ctypes.c_ulong]

    def _sync(self):
        self.keyboard.x11.XSync(self.keyboard.display, 0)

    def move(self, x, y):
        self.xtst.XTestFakeMotionEvent(self.keyboard.display, -1, int(x), int(y), 0)
        self._sync()

    def window_geometry(self, title):
        """(x, y, width, height) on the screen of the top-level X window
        titled @title, or None. (Without a window manager, top-level windows
        are children of the root window, placed relative to it.)"""
        x11, display = self.keyboard.x11, self.keyboard.display
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                   ctypes.POINTER(ctypes.c_uint)]
        x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                   ctypes.POINTER(ctypes.c_char_p)]
        x11.XGetGeometry.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                     ctypes.POINTER(ctypes.c_ulong)] + \
            [ctypes.POINTER(ctypes.c_int)] * 2 + [ctypes.POINTER(ctypes.c_uint)] * 4
        x11.XFree.argtypes = [ctypes.c_void_p]
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if not x11.XQueryTree(display, x11.XDefaultRootWindow(display), ctypes.byref(root),
                              ctypes.byref(parent), ctypes.byref(children),
                              ctypes.byref(count)):
            return None
        found = None
        for i in range(count.value):
            name = ctypes.c_char_p()
            if not x11.XFetchName(display, children[i], ctypes.byref(name)) or not name.value:
                continue
            matches = name.value.decode('utf-8', 'replace') == title
            x11.XFree(ctypes.cast(name, ctypes.c_void_p))
            if matches:
                x, y = ctypes.c_int(), ctypes.c_int()
                width, height, border, depth = (ctypes.c_uint() for _ in range(4))
                x11.XGetGeometry(display, children[i], ctypes.byref(root), ctypes.byref(x),
                                 ctypes.byref(y), ctypes.byref(width), ctypes.byref(height),
                                 ctypes.byref(border), ctypes.byref(depth))
                found = (x.value, y.value, width.value, height.value)
                break
        if children:
            x11.XFree(children)
        return found

    def button(self, x, y, button=1):
        """Moves to @x, @y (screen pixels) and presses @button there."""
        self.move(x, y)
        time.sleep(0.05)
        self.xtst.XTestFakeButtonEvent(self.keyboard.display, button, 1, 0)
        self._sync()
        self.xtst.XTestFakeButtonEvent(self.keyboard.display, button, 0, 0)
        self._sync()


def window_origin(pointer, frame):
    """Where the widgets of @frame start on the screen: GTK 4 reports window
    coordinates only, so this asks the X server where the window is (its
    client-side border is around the widgets, as much on each side)."""
    pyatspi = atspi()
    extents = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    geometry = pointer.window_geometry(frame.name)
    if geometry is None:
        return 0, 0
    x, y, width, height = geometry
    return x + (width - extents.width) // 2, y + (height - extents.height) // 2


def click(pointer, node, frame):
    """Clicks the middle of @node, a widget in @frame."""
    pyatspi = atspi()
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = window_origin(pointer, frame)
    pointer.button(x + extents.x + extents.width // 2, y + extents.y + extents.height // 2)


def text_of(node):
    """The whole text of @node through the AT-SPI Text interface (GTK 4.8
    answers an end offset of -1 with nothing, so the length is asked first)."""
    text = node.queryText()
    return text.getText(0, text.characterCount)
