// The student's record (ui/study.py) kept in this browser's localStorage, so that a reload,
// a closed tab, a restarted server or another server process loses nothing. The record
// stays on the student's side: the server only ever holds it in the session's memory.
//
// What Python passes (``data``, JSON): ``session``, a token of the server session;
// ``want``, true until Python has received what is stored here; ``revision``, raised by
// Python at each change of the record; ``record``, the record to store (null while
// ``want``). What this sends back: the trigger ``stored``, the stored text ("" when there
// is none), once per server session, and again when another tab wrote meanwhile (Python
// merges it and sends the union back with a new revision).
//
// Nothing here writes HTML: the component has no markup and the record is only text in
// localStorage, read and written with getItem and setItem.

const KEY = 'softmax-explorer.record.v1';

// Lives as long as the page: a page switch in the same session does not ask again; a new
// server session (after a restart, the page reconnecting by itself) does.
const memory = window.__sxRecordSync || (window.__sxRecordSync = {
  asked: null, // the session token the stored record was last sent for
  seen: null, // the text this page last read from or wrote to localStorage
  written: null, // [session, revision] last written
});

function read() {
  try {
    return window.localStorage.getItem(KEY);
  } catch (error) {
    return null; // storage disabled: the record lives for the session only
  }
}

function write(text) {
  try {
    window.localStorage.setItem(KEY, text);
    return true;
  } catch (error) {
    return false; // full or disabled
  }
}

export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || typeof data.session !== 'string') return;
  if (data.want) {
    if (memory.asked !== data.session) {
      memory.asked = data.session;
      memory.seen = read();
      setTriggerValue('stored', memory.seen === null ? '' : memory.seen);
    }
    return;
  }
  if (data.record === null || typeof data.record !== 'object') return;
  const last = memory.written;
  if (last && last[0] === data.session && last[1] >= data.revision) return;
  const now = read();
  if (now !== null && now !== memory.seen) {
    // Another tab (or another session of this page) wrote since: merge before writing.
    memory.seen = now;
    setTriggerValue('stored', now);
    return;
  }
  const text = JSON.stringify(data.record);
  if (write(text)) {
    memory.seen = text;
    memory.written = [data.session, data.revision];
  }
}
