#!/usr/bin/env bash
# Run several spaCy trainings in parallel on the device machine (GPU if usable).
# Usage: bash training/device_train.sh JOBFILE SECONDS
#   JOBFILE lines: NAME<TAB>KIND<TAB>ARGS
#   KIND = train (ner.cfg, GPU) | traincpu (ner.cfg, 1 thread) | ptcpu (pretrain.cfg, 1 thread:
#   use this with --paths.init_tok2vec) | contcpu (ner_continue.cfg, 1 thread) | morph |
#   pretrain (GPU; e.g. --resume-path X.bin --epoch-resume N)
# Wheels for spaCy must be in .whl/ (see training/README.md); corpora in training/corpus/.
set -u
JOBS=$1; SECS=$2; OUT=${OUT:-/tmp/out}; mkdir -p $OUT
# spaCy: from .whl/ if carried, else already unpacked to /tmp/site by training/device_prep.sh
if ls .whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target /tmp/site .whl/*.whl || exit 1
fi
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2
GPU="--gpu-id 0"
python3 -c "import spacy; spacy.require_gpu(); import thinc.api as t; print(t.get_current_ops())" || GPU=""
echo "GPU flag: '$GPU'"; nvidia-smi --query-gpu=name,memory.used --format=csv
mkdir -p training/output training/corpus/raw
while IFS=$'\t' read -r NAME KIND ARGS; do
  [ -z "$NAME" ] && continue
  case $KIND in
    train) timeout $SECS python3 -m spacy train training/configs/ner.cfg --code training/mix.py --output training/output/$NAME $GPU $ARGS > training/output/$NAME.log 2>&1 & ;;
    traincpu) OMP_NUM_THREADS=1 timeout $SECS python3 -m spacy train training/configs/ner.cfg --code training/mix.py --output training/output/$NAME $ARGS > training/output/$NAME.log 2>&1 & ;;
    contcpu) OMP_NUM_THREADS=1 timeout $SECS python3 -m spacy train training/configs/ner_continue.cfg --code training/mix.py --output training/output/$NAME $ARGS > training/output/$NAME.log 2>&1 & ;;
    morph) OMP_NUM_THREADS=1 timeout $SECS python3 -m spacy train training/configs/morph.cfg --code training/mix.py --output training/output/$NAME $ARGS > training/output/$NAME.log 2>&1 & ;;
    ptcpu) OMP_NUM_THREADS=1 timeout $SECS python3 -m spacy train training/configs/pretrain.cfg --code training/mix.py --output training/output/$NAME $ARGS > training/output/$NAME.log 2>&1 & ;;
    pretrain) ( [ -f training/corpus/raw/pretrain.jsonl ] || python3 training/make_raw.py
      timeout $SECS python3 -m spacy pretrain training/configs/pretrain.cfg training/output/$NAME --code training/mix.py $GPU $ARGS > training/output/$NAME.log 2>&1 ) & ;;
  esac
done < $JOBS
sleep 60; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv; uptime
wait
cd training/output
for f in *.log; do echo "== $f"; grep -E "^ +[0-9]+ +[0-9]+ " $f | tail -3; grep -iE "error|Traceback" $f | head -3; done
tar czf $OUT/logs.tgz *.log */model-best/meta.json */log.jsonl 2>/dev/null
# return the TOP (default 2) NER models by dev F1, every morph model, and pretrain weights
TOPN=$(python3 - ${TOP:-2} <<'PY'
import json, sys, glob, os
res = []
for m in glob.glob("*/model-best/meta.json"):
    name = m.split("/")[0]
    perf = json.load(open(m)).get("performance", {})
    if "ents_f" in perf:
        res.append((perf["ents_f"] or 0, name))
res.sort(reverse=True)
print(res, file=sys.stderr)
print(" ".join(n for _, n in res[: int(sys.argv[1])]))
PY
)
MORPHS=$(ls -d morph_* 2>/dev/null | grep -v log)
for n in $TOPN $MORPHS; do
  [ -d $n/model-best ] && tar czf - -C $n model-best | split -b 15M -d - $OUT/$n.tgz.part
done
for n in $(ls -d pt_* 2>/dev/null | grep -v log); do
  # the newest modelN.bin (written at the end of epoch N; the run is stopped by timeout)
  ls $n/model[0-9]*.bin 2>/dev/null | sort -V | tail -1 | xargs -r -I{} sh -c "gzip -c {} | split -b 15M -d - $OUT/$n.bin.gz.part"
done
ls -la $OUT
