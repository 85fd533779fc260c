#!/usr/bin/env bash
# On the device: unpack what training/pack_device.py packed (carry training/assets/dev).
# Then: export PYTHONPATH=/tmp/site and run training/device_train.sh.
set -e
D=training/assets/dev
tar xJf $D/site.tar.xz -C /tmp
rm -rf /tmp/corpus && tar xJf $D/corpus.tar.xz -C /tmp
python3 - <<'PY'
import pathlib, zlib
for p in pathlib.Path("/tmp/corpus").rglob("*.raw"):
    dst = pathlib.Path("training/corpus") / p.parent.name / p.name[:-4]
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(zlib.compress(p.read_bytes()))
PY
ls -la training/corpus/ner training/corpus/ud
