#!/usr/bin/python3
"""Times torch's float inference of a torchvision model, the reference that bench/float_speed
compares Kirchhoff's float executor against (issue 18: within 1.5x of torch on ResNet18 at 224x224,
2 threads).

    /usr/bin/python3 tools/torch_float_timing.py --model resnet18 --batch 100 --threads 2 \
        --export /tmp/resnet18.onnx

The method, so a stored figure can be reproduced: random weights (seed 0), model.eval(), inputs
uniform in [0, 1) of shape batch x 3 x 224 x 224, torch.set_num_threads(threads), inside
torch.inference_mode(); one untimed warm-up pass, then `repeats` timed passes; the fastest is
reported (on a shared machine the slower passes measure the neighbours). Torch 1.13 runs its
convolutions through oneDNN (mkldnn) with its own runtime CPU dispatch. With --export the same
model is written as ONNX (opset 13, dynamic batch axis) for the bench to load.
Prints one JSON line: {"model", "batch", "threads", "seconds_per_batch", "torch"}.
"""
import argparse
import json
import time

import torch
import torchvision


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="resnet18")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--export")
    args = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    model = getattr(torchvision.models, args.model)(weights=None).eval()
    x = torch.rand(args.batch, 3, args.size, args.size)
    if args.export:
        torch.onnx.export(model, x[:1], args.export, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    with torch.inference_mode():
        model(x)
        best = float("inf")
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            model(x)
            best = min(best, time.perf_counter() - t0)
    print(json.dumps({"model": args.model, "batch": args.batch, "threads": args.threads,
                      "seconds_per_batch": best, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
