"""Pack what a device run needs into training/assets/dev/ so it fits the 64 MiB transfer
limit next to the ~27 MiB of tracked files (the shipped model is tracked):

* site.tar.xz   : the wheels in .whl/ unpacked, debug symbols stripped (`strip -g`), xz -9
                  (30 MB of wheels -> ~10 MB); unpack on the device with
                  `tar xJf site.tar.xz -C /tmp` and use PYTHONPATH=/tmp/site
* corpus.tar.xz : training/corpus/{ner,ud}/*.spacy with their zlib layer removed, xz -9
                  (18 MB -> ~8 MB); `training/device_prep.sh` restores the DocBins
Usage: python training/pack_device.py   (then carry training/assets/dev)
"""

import pathlib
import subprocess
import tempfile
import zipfile
import zlib

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "training/assets/dev"
out.mkdir(parents=True, exist_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    site = tmp / "site"
    for whl in sorted((root / ".whl").glob("*.whl")):
        zipfile.ZipFile(whl).extractall(site)
    for so in site.rglob("*.so"):
        so.chmod(0o755)
        subprocess.run(["strip", "-g", str(so)], check=True)
    subprocess.run(
        f"tar cf - -C {tmp} site | xz -9 -T1 > {out}/site.tar.xz", shell=True, check=True
    )
    corp = tmp / "corpus"
    for sub in ("ner", "ud"):
        (corp / sub).mkdir(parents=True)
        for p in sorted((root / "training/corpus" / sub).glob("*.spacy")):
            (corp / sub / (p.name + ".raw")).write_bytes(zlib.decompress(p.read_bytes()))
    subprocess.run(
        f"tar cf - -C {tmp} corpus | xz -9 -T1 > {out}/corpus.tar.xz", shell=True, check=True
    )
for f in sorted(out.iterdir()):
    print(f.name, f.stat().st_size)
