#!/usr/bin/python3
"""Exports the model zoo that tst_model_zoo checks: torchvision's ImageNet models (random weights),
a CIFAR ResNet-20 with option-A shortcuts, a small transformer classifier and an LSTM classifier.

    /usr/bin/python3 tools/export_model_zoo.py --small         # tests/data/models (committed, < 2 MB each)
    /usr/bin/python3 tools/export_model_zoo.py --zoo DIR       # the torchvision set, into DIR
    KIRCHHOFF_MODEL_ZOO=DIR ctest -R tst_model_zoo              # checks DIR as well

Every model is exported with a dynamic batch axis (opset 13) beside a two-image input batch and
torch's logits for it, and zoo.json records the layer count the model has: one per Conv2d
(whatever its groups), Linear, MultiheadAttention input projection and LSTM/GRU weight matrix
(input and recurrent), which is what Kirchhoff must map onto arrays.
"""
import argparse
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

SMALL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "models")


class BasicBlockA(torch.nn.Module):
    """He et al.'s CIFAR block with the parameter-free option-A shortcut (subsample + zero pad)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(cout)
        self.conv2 = torch.nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(cout)
        self.pad = (cout - cin) // 2 if stride != 1 or cin != cout else None

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        s = x if self.pad is None else F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, self.pad, self.pad))
        return F.relu(y + s)


class ResNet20(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn = torch.nn.BatchNorm2d(16)
        blocks, cin = [], 16
        for cout, stride in [(16, 1), (32, 2), (64, 2)]:
            for k in range(3):
                blocks.append(BasicBlockA(cin, cout, stride if k == 0 else 1))
                cin = cout
        self.blocks = torch.nn.Sequential(*blocks)
        self.fc = torch.nn.Linear(64, 10)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn(self.conv(x))))
        return self.fc(torch.flatten(F.avg_pool2d(x, 8), 1))


class TinyTransformer(torch.nn.Module):
    """Fashion-MNIST rows as 28 tokens: a linear embedding, two encoder layers, mean pooling."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Linear(28, 32)
        layer = torch.nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.head = torch.nn.Linear(32, 10)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x[:, 0])).mean(1))


class RowLstm(torch.nn.Module):
    """Fashion-MNIST rows as a sequence of 28 steps through an LSTM."""

    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(28, 32, batch_first=True)
        self.head = torch.nn.Linear(32, 10)

    def forward(self, x):
        out, _ = self.rnn(x[:, 0])
        return self.head(out[:, -1])


def layer_count(model):
    n = 0
    for m in model.modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            n += 1
        elif isinstance(m, torch.nn.MultiheadAttention):
            n += 1   # the packed q, k, v input projection (out_proj is a Linear)
        elif isinstance(m, (torch.nn.LSTM, torch.nn.GRU)):
            n += 2 * m.num_layers
    return n


def export(model, shape, name, out, record):
    torch.manual_seed(1)
    model.eval()
    # BatchNorm statistics other than 0/1, so a wrongly folded normalisation shows.
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    x = torch.rand((2,) + tuple(shape))
    path = os.path.join(out, name + ".onnx")
    torch.onnx.export(model, x[:1], path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    with torch.no_grad():
        logits = model(x)
    np.save(os.path.join(out, name + ".input.npy"), x.numpy().astype(np.float64))
    np.save(os.path.join(out, name + ".logits.npy"), logits.numpy().astype(np.float64))
    record[name] = {"layers": layer_count(model), "input": list(shape)}
    print(name, record[name], "%.1f MB" % (os.path.getsize(path) / 1e6))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--zoo")
    args = ap.parse_args()
    torch.manual_seed(0)
    if args.small:
        os.makedirs(SMALL_DIR, exist_ok=True)
        record = {}
        export(ResNet20(), (3, 32, 32), "resnet20_cifar", SMALL_DIR, record)
        export(TinyTransformer(), (1, 28, 28), "transformer_tiny", SMALL_DIR, record)
        export(RowLstm(torch.nn.LSTM), (1, 28, 28), "lstm_rows", SMALL_DIR, record)
        export(RowLstm(torch.nn.GRU), (1, 28, 28), "gru_rows", SMALL_DIR, record)
        with open(os.path.join(SMALL_DIR, "zoo.json"), "w") as f:
            json.dump(record, f, indent=1, sort_keys=True)
    if args.zoo:
        os.makedirs(args.zoo, exist_ok=True)
        record = {}
        for name in ["resnet18", "resnet50", "vgg11", "mobilenet_v2", "efficientnet_b0", "squeezenet1_1", "densenet121", "vit_b_16"]:
            export(getattr(torchvision.models, name)(weights=None), (3, 224, 224), name, args.zoo, record)
        with open(os.path.join(args.zoo, "zoo.json"), "w") as f:
            json.dump(record, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
