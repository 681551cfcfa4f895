"""Build the Fashion-MNIST subset the images lesson ships: ``data/fashion_mnist/subset.npz``.

From the four IDX files of Debian's ``dataset-fashion-mnist`` package (``apt-get install
dataset-fashion-mnist``; Zalando SE, MIT licence), it draws a balanced subset with a fixed
seed: ``TRAIN_PER_CLASS`` images of each class from the 60,000 training images and
``TEST_PER_CLASS`` from the 10,000 test images, kept in their original order. The archive
holds ``X_train (5000, 784)``, ``y_train (5000,)``, ``X_test (1000, 784)``, ``y_test
(1000,)`` as uint8, and ``train_index``, ``test_index``: each image's row in the original
files, so anyone can check the subset against them. The licence notice is written beside it.

Run from the repository root: ``.venv/bin/python scripts/build_fashion_mnist.py``. The same
package files and seed always give the same bytes of data (np.savez_compressed's zip
entries carry a fixed timestamp).
"""

import argparse
import gzip
import shutil
from pathlib import Path

import numpy as np

SOURCE = Path("/usr/share/datasets/fashion-mnist")
COPYRIGHT = Path("/usr/share/doc/dataset-fashion-mnist/copyright")
ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "data" / "fashion_mnist"
SEED = 20170825  # the day Zalando published Fashion-MNIST
TRAIN_PER_CLASS = 500
TEST_PER_CLASS = 100
N_CLASSES = 10
IMAGE_MAGIC, LABEL_MAGIC = 2051, 2049


def read_idx(path, magic):
    """The array in one gzipped IDX file: a big-endian header (magic, then one 32-bit size
    per dimension), then the uint8 values row by row."""
    raw = gzip.decompress(path.read_bytes())
    found, *sizes = np.frombuffer(raw, dtype=">u4", count=1 + (3 if magic == IMAGE_MAGIC else 1))
    if found != magic:
        raise ValueError(f"{path}: magic number {found}, expected {magic}")
    header = 4 * (1 + len(sizes))
    values = np.frombuffer(raw, dtype=np.uint8, offset=header)
    if values.size != np.prod(sizes):
        raise ValueError(f"{path}: {values.size} values, the header says {sizes}")
    return values.reshape(sizes[0], -1) if magic == IMAGE_MAGIC else values


def balanced_rows(labels, per_class, rng):
    """``per_class`` rows of each class drawn without replacement, in increasing order."""
    chosen = [
        rng.choice(np.flatnonzero(labels == k), size=per_class, replace=False)
        for k in range(N_CLASSES)
    ]
    return np.sort(np.concatenate(chosen))


def build(source, target):
    rng = np.random.default_rng(SEED)
    arrays = {}
    for part, per_class, prefix in (
        ("train", TRAIN_PER_CLASS, "train"),
        ("test", TEST_PER_CLASS, "t10k"),
    ):
        images = read_idx(source / f"{prefix}-images-idx3-ubyte.gz", IMAGE_MAGIC)
        labels = read_idx(source / f"{prefix}-labels-idx1-ubyte.gz", LABEL_MAGIC)
        rows = balanced_rows(labels, per_class, rng)
        arrays[f"X_{part}"] = images[rows]
        arrays[f"y_{part}"] = labels[rows]
        arrays[f"{part}_index"] = rows.astype(np.uint16)
    target.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(target / "subset.npz", **arrays)
    shutil.copyfile(COPYRIGHT, target / "LICENSE")
    return arrays


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args()
    arrays = build(args.source, args.target)
    for name, array in arrays.items():
        print(f"{name}: {array.shape} {array.dtype}")
    archive = args.target / "subset.npz"
    print(f"wrote {archive} ({archive.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
