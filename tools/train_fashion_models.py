#!/usr/bin/python3
"""Trains the four Fashion-MNIST reference models and exports them to ONNX for Kirchhoff.

Run with Debian's interpreter (python3-torch, python3-torchvision, python3-onnx, python3-numpy,
dataset-fashion-mnist):    /usr/bin/python3 tools/train_fashion_models.py [--epochs N] [--only NAME]

For every model it writes into presets/models/:
  NAME.onnx            the model (opset 17, input: float32 N x 1 x 28 x 28 pixels in [0, 1])
  NAME.ref_input.npy   8 test images as fed to the model
  NAME.ref_output.npy  PyTorch's logits for them (the float executor must match to 1e-4)
  NAME.test_pred.npy   PyTorch's predicted class for all 10 000 test images (uint8)
and records the test accuracy in presets/models/models.json.
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "presets", "models")
MEAN, STD = 0.2860, 0.3530   # Fashion-MNIST training-set pixel statistics


def load_idx(split):
    prefix = "t10k" if split == "test" else "train"
    with gzip.open(f"{DATA}/{prefix}-images-idx3-ubyte.gz") as f:
        _, n, r, c = struct.unpack(">IIII", f.read(16))
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, r, c)
    with gzip.open(f"{DATA}/{prefix}-labels-idx1-ubyte.gz") as f:
        f.read(8)
        y = np.frombuffer(f.read(), dtype=np.uint8)
    return torch.from_numpy(x.astype(np.float32) / 255.0), torch.from_numpy(y.astype(np.int64))


class Normalize(nn.Module):
    def forward(self, x):
        return (x - MEAN) / STD


class VggSmall(nn.Module):
    """NeuroSim's VGG8 shape (six 3x3 conv + two FC, pooling after conv 2, 4, 6) scaled to 28x28."""

    def __init__(self):
        super().__init__()
        w = [32, 32, 64, 64, 96, 96]
        layers, c = [Normalize()], 1
        for i, o in enumerate(w):
            layers += [nn.Conv2d(c, o, 3, padding=1), nn.ReLU()]
            if i % 2 == 1:
                layers.append(nn.MaxPool2d(2))
            c = o
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(96 * 3 * 3, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class Block(nn.Module):
    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.c1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(c_out)
        self.c2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(c_out)
        self.skip = None
        if stride != 1 or c_in != c_out:
            self.skip = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return F.relu(y + (x if self.skip is None else self.skip(x)))


class ResNetSmall(nn.Module):
    """ResNet-style: stem + three stages of basic blocks with BatchNorm and residual adds."""

    def __init__(self):
        super().__init__()
        self.norm = Normalize()
        self.stem = nn.Sequential(nn.Conv2d(1, 32, 3, 1, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU())
        self.stages = nn.Sequential(Block(32, 32, 1), Block(32, 64, 2), Block(64, 128, 2))
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        y = self.stages(self.stem(self.norm(x)))
        return self.head(torch.flatten(F.adaptive_avg_pool2d(y, 1), 1))


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads, self.scale = heads, (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        a = torch.softmax((q @ k.transpose(-2, -1)) * self.scale, dim=-1)
        return self.proj((a @ v).transpose(1, 2).reshape(b, n, d))


class EncoderLayer(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.n1, self.n2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x):
        x = x + self.attn(self.n1(x))
        return x + self.mlp(self.n2(x))


class VitSmall(nn.Module):
    """Vision transformer: 7x7 patches (16 tokens + class token), 4 encoder layers, 64 wide."""

    def __init__(self, dim=64, depth=4, heads=4, hidden=128):
        super().__init__()
        self.norm = Normalize()
        self.patch = nn.Conv2d(1, dim, 7, 7)
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, 17, dim) * 0.02)
        self.layers = nn.Sequential(*[EncoderLayer(dim, heads, hidden) for _ in range(depth)])
        self.out_norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        t = self.patch(self.norm(x)).flatten(2).transpose(1, 2)
        t = torch.cat([self.cls.expand(t.shape[0], -1, -1), t], dim=1) + self.pos
        return self.head(self.out_norm(self.layers(t))[:, 0])


class Mlp(nn.Module):
    """Two-layer perceptron 784-256-10."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(Normalize(), nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x):
        return self.net(x)


MODELS = {"vgg_fashion": (VggSmall, 4, 2e-3), "resnet_fashion": (ResNetSmall, 4, 2e-3),
          "vit_fashion": (VitSmall, 8, 1e-3), "mlp_fashion": (Mlp, 8, 1e-3)}


def evaluate(model, x, y):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(x), 500):
            preds.append(model(x[i:i + 500]).argmax(1))
    p = torch.cat(preds)
    return (p == y).float().mean().item(), p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=0, help="override each model's epoch count")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    torch.manual_seed(20261122)
    torch.set_num_threads(os.cpu_count() or 1)
    xtr, ytr = load_idx("train")
    xte, yte = load_idx("test")
    os.makedirs(OUT, exist_ok=True)
    meta_path = os.path.join(OUT, "models.json")
    meta = json.load(open(meta_path)) if os.path.exists(meta_path) else {}
    for name, (cls, epochs, lr) in MODELS.items():
        if args.only and name != args.only:
            continue
        epochs = args.epochs or epochs
        model = cls()
        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs * (len(xtr) // 128))
        t0 = time.time()
        for epoch in range(epochs):
            model.train()
            perm = torch.randperm(len(xtr))
            for i in range(0, len(xtr) - 127, 128):
                idx = perm[i:i + 128]
                xb = xtr[idx]
                if name != "mlp_fashion":   # light augmentation: random horizontal flips
                    flip = torch.rand(len(idx)) < 0.5
                    xb = torch.where(flip[:, None, None, None], xb.flip(3), xb)
                loss = F.cross_entropy(model(xb), ytr[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
            acc, _ = evaluate(model, xte, yte)
            print(f"{name} epoch {epoch + 1}/{epochs}: test accuracy {acc * 100:.2f} % ({time.time() - t0:.0f} s)", flush=True)
        acc, pred = evaluate(model, xte, yte)
        model.eval()
        onnx_path = os.path.join(OUT, f"{name}.onnx")
        torch.onnx.export(model, xte[:1], onnx_path, opset_version=17, input_names=["image"], output_names=["logits"],
                          dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})
        with torch.no_grad():
            ref_in = xte[:8].numpy()
            ref_out = model(xte[:8]).numpy()
        np.save(os.path.join(OUT, f"{name}.ref_input.npy"), ref_in)
        np.save(os.path.join(OUT, f"{name}.ref_output.npy"), ref_out)
        np.save(os.path.join(OUT, f"{name}.test_pred.npy"), pred.numpy().astype(np.uint8))
        params = sum(p.numel() for p in model.parameters())
        meta[name] = {"test_accuracy": round(acc, 6), "epochs": epochs, "parameters": params,
                      "onnx_bytes": os.path.getsize(onnx_path), "torch": torch.__version__, "opset": 17}
        print(f"{name}: {params} parameters, test accuracy {acc * 100:.2f} %, {os.path.getsize(onnx_path)} bytes", flush=True)
        json.dump(meta, open(meta_path, "w"), indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
