// Keys that always work (issue #12): the lesson's shortcuts (Space plays, → steps, 0 resets;
// PageDown / PageUp step a lecture plan) act on the lesson whatever widget last had focus.
//
// Streamlit's shortcuts skip text fields (typing stays typing) but lose to the widget that
// holds the focus: a slider a teacher touched takes → for itself (the learning rate moved
// instead of a Step), and a button clicked last takes Space as its own click. So, before any
// widget sees the key: a focused button, toggle, radio or tab lets go of the focus (the key
// then goes to the shortcuts alone, and no click follows on key-up); a focused slider keeps
// its arrow keys only while the pointer is on it, where a person is plainly using it;
// otherwise it lets go too and the key is handed to the shortcuts. Text fields keep every
// key, and a key no button of the page has as its shortcut is left alone. Nothing here
// writes HTML.

// How Streamlit names each key in the hint of a button that has it as its shortcut
// (<kbd aria-label="Shortcut →">): a key is handled here only where a button of the page
// has it, so a keyboard user's arrow keys still move a slider on a page without Step.
const NAMES = {
  ' ': ['space'], ArrowRight: ['→', 'right', 'arrowright'], '0': ['0'],
  PageDown: ['pagedown', 'pgdn', '⇟'], PageUp: ['pageup', 'pgup', '⇞'],
};
const KEYS = new Set(Object.keys(NAMES));

function aShortcut(key) {
  for (const hint of document.querySelectorAll('kbd[aria-label]')) {
    const name = hint.getAttribute('aria-label').replace(/^Shortcut\s*/i, '')
      .replace(/\s+/g, '').toLowerCase();
    if (NAMES[key].includes(name)) return true;
  }
  return false;
}
const memory = window.__sxKeys || (window.__sxKeys = { listening: false });

function typing(element) {
  if (!element) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'range', 'button', 'file', 'reset', 'submit', 'color'].includes(
    element.type);
}

function onKey(event) {
  if (!event.isTrusted || !KEYS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey)
    return;
  const focused = document.activeElement;
  if (!focused || focused === document.body || typing(focused) || !aShortcut(event.key)) return;
  if (!focused.closest('[data-testid="stMain"], [data-testid="stSidebar"]')) return;
  // Streamlit's sliders are React Aria's: a range input under the thumb.
  const slider = focused.getAttribute('role') === 'slider' ||
    (focused.tagName === 'INPUT' && focused.type === 'range');
  if (slider) {
    const holder = focused.closest('[data-testid="stSlider"]');
    if (holder && holder.matches(':hover')) return;  // the person is using the slider
    event.preventDefault();
    event.stopImmediatePropagation();
    focused.blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', {
      key: event.key, code: event.code, keyCode: event.keyCode, which: event.which,
      bubbles: true, cancelable: true,
    }));
    return;
  }
  focused.blur();  // a button, toggle, radio or tab: the key is the shortcuts' alone
}

export default function () {
  if (memory.listening) return;
  memory.listening = true;
  window.addEventListener('keydown', onKey, true);
}
