// The live regions canvas while training plays (player.py says why a canvas, and what it is sent).

const MARGIN = {left: 52, right: 10, top: 8, bottom: 44};
const MARGIN_PRESENT = {left: 80, right: 14, top: 10, bottom: 70};

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

// A batch of frames as the server sends it (``batch_data``): the epochs, a layout of small
// integers, and every vertex as uint16 view fractions in one base64 string.
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
  for (const e of batch.epochs) {
    const f = [];
    const shapes = batch.layout[cursor++];
    for (let i = 0; i < shapes; i++) {
      const k = batch.layout[cursor++];
      f.push([k, take(2 * batch.layout[cursor++])]);
    }
    frames.push({e, f, s: take(4 * batch.layout[cursor++])});
  }
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
    this.queue = [];
    this.frame = null;
    this.run = null;
    this.seq = null;
    this.staticKey = null;
    this.last = 0;
    this.painted = 0;
    this.raf = null;
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(root);
  }

  update(raw) {
    const data = {...raw.style, ...raw.batch, frames: decodeFrames(raw.batch)};
    this.data = data;
    if (data.run !== this.run) {
      this.run = data.run;
      this.queue = [];
      this.frame = null;
    }
    if (data.seq !== this.seq) {
      this.seq = data.seq;
      this.queue.push(...data.frames);
      // Never more than two batches behind the server: skip the oldest.
      const most = 2 * data.chunk;
      if (this.queue.length > most) this.queue.splice(0, this.queue.length - most);
    }
    this.root.classList.toggle('sx-present', !!data.present);
    // On one screen the epoch shows with the numbers beside the picture (frame.py).
    this.root.classList.toggle('sx-no-head', data.head === false);
    this.root.querySelector('.sx-player-label').textContent = data.labels.epoch;
    const key = JSON.stringify([data.points, data.colors, data.names, data.labels, data.present,
      data.height, data.bounds]);
    if (key !== this.staticKey) {
      this.staticKey = key;
      this.points = decodePoints(data.points, data.count);
      this.legend();
      this.layout();
    }
    if (!this.frame && this.queue.length) this.show(this.queue.shift());
    this.start();
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
    // Play a little faster when frames pile up and slower when they run low, so the queue
    // stays near one batch and the picture neither jumps nor stops.
    const fill = this.queue.length / this.data.chunk;
    const rate = Math.min(1.5, Math.max(0.75, fill));
    if (this.queue.length && now - this.last >= 1000 / (this.data.fps * rate) - 4) {
      this.last = now;
      this.show(this.queue.shift());
    }
  }

  layout() {
    if (!this.data) return;
    const width = this.root.clientWidth || 600;
    const margin = this.data.present ? MARGIN_PRESENT : MARGIN;
    // As tall as the Vega chart shown when paused (its axes and legend included), so Play
    // and Pause do not move the page.
    const legend = this.root.querySelector('.sx-player-legend').offsetHeight + 8;
    const height = Math.max(160, this.data.height - legend);
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

  // The axes and the points never change during a run: drawn once, copied every frame.
  drawStatic() {
    const {width, height, ratio} = this.size;
    const layer = document.createElement('canvas');
    layer.width = this.canvas.width;
    layer.height = this.canvas.height;
    const ctx = layer.getContext('2d');
    ctx.scale(ratio, ratio);
    const p = this.plot, d = this.data, big = d.present;
    const [x0, x1, y0, y1] = d.bounds;
    ctx.strokeStyle = '#888';
    ctx.lineWidth = 1;
    ctx.strokeRect(p.x + 0.5, p.y + 0.5, p.w - 1, p.h - 1);
    ctx.fillStyle = getComputedStyle(this.root).color || '#31333f';
    ctx.font = (big ? 22 : 12) + 'px sans-serif';
    const xs = niceTicks(x0, x1, p.w, 45), ys = niceTicks(y0, y1, p.h, 35);
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
    const r = Math.sqrt(d.pointSize / Math.PI);
    ctx.lineWidth = 0.6;
    ctx.strokeStyle = '#fff';
    ctx.globalAlpha = 0.9;
    for (const [fx, fy, c, test] of this.points) {
      const X = p.x + fx * p.w, Y = p.y + (1 - fy) * p.h;
      ctx.beginPath();
      if (test) {
        const s = r * 1.35;
        ctx.moveTo(X, Y - s);
        ctx.lineTo(X + s, Y + 0.75 * s);
        ctx.lineTo(X - s, Y + 0.75 * s);
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

  show(frame) {
    this.frame = frame;
    this.paint(frame);
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
        const X = p.x + xy[i] * p.w, Y = p.y + (1 - xy[i + 1]) * p.h;
        if (i === 0) ctx.moveTo(X, Y); else ctx.lineTo(X, Y);
      }
      ctx.closePath();
      ctx.fillStyle = d.colors[c];
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = d.lineWidth;
    ctx.beginPath();
    const s = frame.s;
    for (let i = 0; i < s.length; i += 4) {
      ctx.moveTo(p.x + s[i] * p.w, p.y + (1 - s[i + 1]) * p.h);
      ctx.lineTo(p.x + s[i + 2] * p.w, p.y + (1 - s[i + 3]) * p.h);
    }
    ctx.stroke();
    ctx.restore();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    this.painted += 1;
    this.root.dataset.epoch = frame.e;
    this.root.dataset.painted = this.painted;
    this.root.querySelector('.sx-player-epoch').textContent = String(frame.e);
  }
}

export default function (component) {
  const root = component.parentElement.querySelector('.sx-player');
  if (!root.__player) root.__player = new Player(root);
  root.__player.update(component.data);
  return () => {
    root.__player.stop();
  };
}
