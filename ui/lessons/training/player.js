// The regions picture of the training lesson, playing or paused (player.py says why a
// canvas, and what it is sent). One element all along: Play, Pause, Step, Reset, the map
// switch and the replay only change what it paints, so its box never moves or empties and
// fullscreen survives them. The numbers above it are the painted frame's.

const MARGIN = {left: 52, right: 10, top: 8, bottom: 44};
const MARGIN_PRESENT = {left: 80, right: 14, top: 10, bottom: 70};
const HIT = 4;  // pixels beyond a point's edge that still hover or click it

function decodePoints(text, count) {
  const bytes = Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const points = [];
  for (let i = 0; i < count; i++) {
    points.push([
      view.getUint16(4 * i, true) / 65535,
      view.getUint16(4 * i + 2, true) / 65535,
      bytes[4 * count + i],
      bytes[5 * count + i],
    ]);
  }
  return points;
}

// A batch of frames as the server sends it (``batch_data``): the epochs, the numbers, a
// layout of small integers, and every vertex as uint16 view fractions in one base64 string.
function decodeFrames(batch) {
  const bytes = Uint8Array.from(atob(batch.xy), (ch) => ch.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  let at = 0;
  const take = (values) => {
    const out = new Array(values);
    for (let i = 0; i < values; i++) out[i] = view.getUint16(2 * (at + i), true) / 65535;
    at += values;
    return out;
  };
  const frames = [];
  let cursor = 0;
  batch.epochs.forEach((e, index) => {
    const f = [];
    const shapes = batch.layout[cursor++];
    for (let i = 0; i < shapes; i++) {
      const k = batch.layout[cursor++];
      f.push([k, take(2 * batch.layout[cursor++])]);
    }
    frames.push({
      e,
      f,
      s: take(4 * batch.layout[cursor++]),
      n: (batch.numbers || [])[index],  // the loss and accuracies, as text
      p: (batch.params || [])[index],  // W, b, ∇W, ∇b, as text (readout.js shows them)
      h: (batch.rows || [])[index],  // the history row, for the curves
    });
  });
  return frames;
}

function niceTicks(low, high, pixels, spacing) {
  const raw = (high - low) / Math.max(3, pixels / spacing);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) {
    ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);
  }
  return {ticks, digits: Math.max(0, -Math.floor(Math.log10(step)))};
}

class Player {
  constructor(root) {
    this.root = root;
    this.canvas = root.querySelector('canvas');
    this.tip = root.querySelector('.sx-player-tip');
    this.queue = [];
    this.frame = null;
    this.run = null;
    this.seq = null;
    this.playing = false;
    this.staticKey = null;
    this.last = 0;
    this.painted = 0;
    this.raf = null;
    this.send = () => {};
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(root);
    this.canvas.addEventListener('mousemove', (event) => this.hover(event));
    this.canvas.addEventListener('mouseleave', () => this.hover(null));
    this.canvas.addEventListener('click', (event) => this.click(event));
    root.querySelector('.sx-player-full').addEventListener('click', () => this.fullscreen());
    // Play starts painting at once (issue #13): a paused page sends the next few frames,
    // the very ones the server trains first once it plays, so the picture moves before the
    // page's run for Play comes back.
    this.ahead = [];
    this.holding = null;  // the answer ``held`` sent on Pause, until the server has read it
    document.addEventListener('click', (event) => {
      const button = this.data && event.target.closest && event.target.closest(this.data.playButton);
      if (button && !this.playing && this.ahead.length && this.frame) this.playAhead();
    }, true);
    document.addEventListener('fullscreenchange', () => this.layout());
  }

  update(raw, send) {
    this.send = send;
    const data = {...raw.style, ...raw.batch, frames: decodeFrames(raw.batch)};
    this.data = data;
    if (data.run !== this.run) {
      this.run = data.run;
      this.queue = [];
      this.frame = null;
      this.playing = false;
      this.holding = null;
      this.history = [];
    }
    if (data.seq !== this.seq) {
      this.seq = data.seq;
      if (data.history) {
        // The run's past as the server has it (a page run sends it): up to the frame on
        // screen; the frames still to paint add theirs as they are painted.
        const upto = this.frame ? this.frame.e : Infinity;
        const first = data.frames.length ? data.frames[0].e : Infinity;
        this.history = data.history.filter((row) => row[0] <= upto && row[0] < first);
      }
      this.ahead = data.ahead ? decodeFrames(data.ahead) : [];
      if (data.playing) {
        this.holding = null;
        // Frames already painted or queued (from ``ahead``) are not painted twice.
        const last = this.queue.length ? this.queue[this.queue.length - 1].e
          : (this.frame ? this.frame.e : -1);
        this.queue.push(...data.frames.filter((f) => !this.playing || f.e > last));
        // Never more than two batches behind the server: skip the oldest.
        const most = 2 * data.chunk;
        if (this.queue.length > most) this.queue.splice(0, this.queue.length - most);
      } else {
        this.queue = [];
        const next = data.frames[data.frames.length - 1];
        if (this.playing && this.frame && next && next.e !== this.frame.e) {
          // Paused: the server ran ahead of the frame on screen. Keep this frame and ask
          // the server to take the run back to it; its answer is this frame again.
          this.holding = Date.now();
          this.send('held', [data.run, this.frame.e, this.holding]);
        } else if (this.holding && data.answered !== this.holding) {
          // A paused batch the server sent before it read the answer: still the frame it
          // ran ahead to, so this frame stays (painting it would flash the future).
        } else if (next) {
          this.holding = null;
          this.frame = next;
        }
      }
      this.playing = !!data.playing;
    }
    this.root.classList.toggle('sx-present', !!data.present);
    this.root.dataset.playing = this.playing ? '1' : '0';
    this.root.querySelector('.sx-player-full').title = data.labels.fullscreen;
    this.root.querySelector('.sx-player-full').setAttribute('aria-label', data.labels.fullscreen);
    const key = JSON.stringify([data.points, data.colors, data.names, data.labels, data.present,
      data.height, data.bounds]);
    if (key !== this.staticKey) {
      this.staticKey = key;
      this.points = decodePoints(data.points, data.count);
      this.head();
      this.legend();
      this.layout();
    }
    if (!this.frame && this.queue.length) this.frame = this.queue.shift();
    if (this.frame) this.paint(this.frame);
    this.start();
  }

  playAhead() {
    const from = this.frame.e;
    this.queue = this.ahead.filter((f) => f.e > from);
    this.ahead = [];
    if (!this.queue.length) return;
    this.playing = true;
    this.root.dataset.playing = '1';
    this.last = 0;  // the first frame at the next display frame
  }

  start() {
    if (this.raf === null) this.raf = requestAnimationFrame((now) => this.tick(now));
  }

  stop() {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
  }

  tick(now) {
    this.raf = requestAnimationFrame((later) => this.tick(later));
    if (!this.playing) return;
    // Play a little faster when frames pile up and slower when they run low, so the queue
    // stays near one batch and the picture neither jumps nor stops. At a lecturer's slow
    // speed never slower, and on a steady beat: each epoch stays on screen as long as the
    // next (the server sends a late tick's frames too, so the queue keeps up).
    const fill = this.queue.length / this.data.chunk;
    const slow = this.data.slow;  // process.SLOW_FPS or fewer frames a second
    const rate = slow ? Math.min(1.25, Math.max(1, fill)) : Math.min(1.5, Math.max(0.75, fill));
    const interval = 1000 / (this.data.fps * rate);
    if (this.queue.length && now - this.last >= interval - 4) {
      this.last = slow && now - this.last < 2 * interval ? this.last + interval : now;
      this.frame = this.queue.shift();
      this.paint(this.frame);
    }
  }

  // The numbers of the frame on screen: the epoch, the loss and the accuracies.
  head() {
    const head = this.root.querySelector('.sx-player-head');
    head.replaceChildren();
    this.values = [];
    const names = [this.data.labels.epoch, ...this.data.labels.numbers];
    names.forEach((name, index) => {
      const cell = document.createElement('div');
      cell.className = 'sx-player-number';
      const label = document.createElement('div');
      label.className = 'sx-player-label';
      label.textContent = name;
      const value = document.createElement('div');
      value.className = index === 0 ? 'sx-player-value sx-player-epoch' : 'sx-player-value';
      cell.appendChild(label);
      cell.appendChild(value);
      head.appendChild(cell);
      this.values.push(value);
    });
  }

  layout() {
    if (!this.data) return;
    const full = document.fullscreenElement === this.root;
    const width = this.root.clientWidth || 600;
    const margin = this.data.present ? MARGIN_PRESENT : MARGIN;
    const legend = this.root.querySelector('.sx-player-legend').offsetHeight + 8;
    const head = this.root.querySelector('.sx-player-head').offsetHeight;
    const room = full ? window.innerHeight - head - 16 : this.data.height;
    const height = Math.max(160, room - legend);
    const ratio = window.devicePixelRatio || 1;
    this.canvas.style.height = height + 'px';
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.size = {width, height, ratio};
    this.plot = {x: margin.left, y: margin.top, w: width - margin.left - margin.right,
      h: height - margin.top - margin.bottom};
    this.drawStatic();
    if (this.frame) this.paint(this.frame);
  }

  legend() {
    const legend = this.root.querySelector('.sx-player-legend');
    legend.replaceChildren();
    const item = (swatch, text) => {
      const span = document.createElement('span');
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(text));
      legend.appendChild(span);
    };
    this.data.names.forEach((name, k) => {
      const swatch = document.createElement('i');
      swatch.style.background = this.data.colors[k];
      item(swatch, name);
    });
    const train = document.createElement('i');
    train.style.background = '#555';
    item(train, this.data.labels.train);
    if (this.points.some((p) => p[3])) {
      const test = document.createElement('i');
      test.className = 'sx-test';
      item(test, this.data.labels.test);
    }
  }

  scale() {
    return this.data.present ? 1.5 : 1;
  }

  // The axes and the points never change during a run: drawn once, copied every frame.
  drawStatic() {
    const {height, ratio} = this.size;
    const layer = document.createElement('canvas');
    layer.width = this.canvas.width;
    layer.height = this.canvas.height;
    const ctx = layer.getContext('2d');
    ctx.scale(ratio, ratio);
    const p = this.plot, d = this.data, big = d.present, style = d.picture;
    const [x0, x1, y0, y1] = d.bounds;
    ctx.strokeStyle = style.frameColour;
    ctx.lineWidth = 1;
    ctx.strokeRect(p.x + 0.5, p.y + 0.5, p.w - 1, p.h - 1);
    ctx.fillStyle = getComputedStyle(this.root).color || '#31333f';
    ctx.font = (big ? 22 : 12) + 'px sans-serif';
    this.root.dataset.canvasFont = big ? 22 : 12;  // the smallest text drawn (tests read it)
    const xs = niceTicks(x0, x1, p.w, big ? 90 : 45), ys = niceTicks(y0, y1, p.h, big ? 60 : 35);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of xs.ticks) {
      const X = p.x + ((v - x0) / (x1 - x0)) * p.w;
      ctx.fillRect(X, p.y + p.h, 1, 5);
      ctx.fillText(v.toFixed(xs.digits), X, p.y + p.h + 7);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ys.ticks) {
      const Y = p.y + p.h - ((v - y0) / (y1 - y0)) * p.h;
      ctx.fillRect(p.x - 5, Y, 5, 1);
      ctx.fillText(v.toFixed(ys.digits), p.x - 7, Y);
    }
    ctx.font = 'bold ' + (big ? 24 : 13) + 'px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('x\u2081', p.x + p.w / 2, height - 2);
    ctx.save();
    ctx.translate(12, p.y + p.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'top';
    ctx.fillText('x\u2082', 0, -10);
    ctx.restore();
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.x, p.y, p.w, p.h);
    ctx.clip();
    const r = style.pointRadius * this.scale();
    ctx.lineWidth = style.outline * this.scale();
    ctx.strokeStyle = style.outlineColour;
    for (const [fx, fy, c, test] of this.points) {
      const [X, Y] = this.toPixels(fx, fy);
      ctx.beginPath();
      if (test) {
        const s = r * style.testScale;
        ctx.moveTo(X, Y - s);
        ctx.lineTo(X + s * 0.866, Y + s / 2);
        ctx.lineTo(X - s * 0.866, Y + s / 2);
        ctx.closePath();
      } else {
        ctx.arc(X, Y, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = d.colors[c];
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
    this.layer = layer;
  }

  toPixels(fx, fy) {
    return [this.plot.x + fx * this.plot.w, this.plot.y + (1 - fy) * this.plot.h];
  }

  paint(frame) {
    if (!this.layer) return;
    const ctx = this.canvas.getContext('2d');
    const {ratio} = this.size;
    const p = this.plot, d = this.data;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.x, p.y, p.w, p.h);
    ctx.clip();
    ctx.globalAlpha = d.opacity;
    for (const [c, xy] of frame.f) {
      ctx.beginPath();
      for (let i = 0; i < xy.length; i += 2) {
        const [X, Y] = this.toPixels(xy[i], xy[i + 1]);
        if (i === 0) ctx.moveTo(X, Y); else ctx.lineTo(X, Y);
      }
      ctx.closePath();
      ctx.fillStyle = d.colors[c];
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = d.picture.boundaryColour;
    ctx.lineWidth = d.picture.lineWidth * this.scale();
    ctx.beginPath();
    const s = frame.s;
    for (let i = 0; i < s.length; i += 4) {
      ctx.moveTo(...this.toPixels(s[i], s[i + 1]));
      ctx.lineTo(...this.toPixels(s[i + 2], s[i + 3]));
    }
    ctx.stroke();
    ctx.restore();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    this.painted += 1;
    this.root.dataset.epoch = frame.e;
    this.root.dataset.painted = this.painted;
    this.values[0].textContent = String(frame.e);
    (frame.n || []).forEach((text, i) => {
      if (this.values[i + 1]) this.values[i + 1].textContent = text;
    });
    this.root.dataset.numbers = this.values.map((value) => value.textContent).join('|');
    this.record(frame);
  }

  // The frame on screen and the curves' rows up to it, for the readout beside the picture
  // (readout.js), which draws them when told.
  record(frame) {
    const history = this.history || (this.history = []);
    const last = history.length ? history[history.length - 1][0] : -1;
    if (frame.h && frame.h[0] > last) history.push(frame.h);
    else if (frame.h && frame.h[0] < last) {
      // Back in time (a replayed epoch, a held frame): the rows after it are not on screen.
      while (history.length && history[history.length - 1][0] >= frame.h[0]) history.pop();
      history.push(frame.h);
    }
    if (history.length > 4000) {
      // A long run: every other row, the last kept, so drawing stays cheap.
      this.history = history.filter((row, i) => i % 2 === 0 || i === history.length - 1);
    }
    window.__sxTraining = {frame, history: this.history, run: this.run};
    window.dispatchEvent(new Event('sx-training-frame'));
  }

  // The point under the mouse (its number), if any.
  pointAt(event) {
    if (!this.points || !this.plot) return null;
    const box = this.canvas.getBoundingClientRect();
    const x = event.clientX - box.left, y = event.clientY - box.top;
    const reach = this.data.picture.pointRadius * this.scale() * this.data.picture.testScale + HIT;
    let best = null, bestDistance = reach * reach;
    this.points.forEach(([fx, fy], i) => {
      const [X, Y] = this.toPixels(fx, fy);
      const distance = (X - x) ** 2 + (Y - y) ** 2;
      if (distance <= bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    return best;
  }

  hover(event) {
    const index = event ? this.pointAt(event) : null;
    this.canvas.style.cursor = index === null ? 'default' : 'pointer';
    if (index === null) {
      this.tip.hidden = true;
      return;
    }
    const [fx, fy, c, test] = this.points[index];
    const labels = this.data.labels;
    this.tip.textContent = [
      `${labels.point} ${index}`,
      `${labels.class}: ${this.data.names[c]}`,
      test ? labels.test : labels.train,
      labels.clickToInspect,
    ].join(' \u00b7 ');
    const [X, Y] = this.toPixels(fx, fy);
    this.tip.hidden = false;
    const left = Math.min(X + 12, this.size.width - this.tip.offsetWidth - 4);
    this.tip.style.left = Math.max(0, left) + 'px';
    this.tip.style.top = (this.canvas.offsetTop + Y + 12) + 'px';
  }

  click(event) {
    const index = this.pointAt(event);
    if (index !== null) this.send('pick', index);
  }

  fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else this.root.requestFullscreen().catch(() => {});
  }
}

export default function (component) {
  const root = component.parentElement.querySelector('.sx-player');
  if (!root.__player) root.__player = new Player(root);
  root.__player.update(component.data, component.setTriggerValue);
  return () => {
    root.__player.stop();
  };
}
