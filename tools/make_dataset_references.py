#!/usr/bin/python3
"""Reference data for the dataset readers' tests (tests/core/Io/tst_datasets.cpp).

Run with Debian's interpreter (python3-torch, python3-torchvision, python3-onnx, python3-pil):
    /usr/bin/python3 tools/make_dataset_references.py
It writes tests/data/datasets/. The tests recreate the same images from the same formula
(pixel()), write them in the real formats (CIFAR binary batches, PNG files, .npy), read them
with Kirchhoff's readers and compare what the models compute with the logits torch computed here.
The product and the tests never run Python.
"""
import os
import tempfile

import numpy as np
import onnx
import torch
import torchvision
from PIL import Image
from torchvision import transforms

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "datasets")
CIFAR_MEAN = (0.4914, 0.4822, 0.4465)   # torchvision's usual CIFAR-10 normalisation
CIFAR_STD = (0.2470, 0.2435, 0.2616)
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
# Image folder: class -> (width, height) of its PNG images; the tests use the same table.
FOLDER = {"cat": [(300, 256), (256, 280)], "dog": [(320, 300), (260, 260)], "eel": [(280, 330), (257, 256)]}


def pixel(i, c, y, x):
    """The test images: a deterministic pattern with edges and texture (uint8)."""
    return (i * 37 + c * 71 + y * 13 + x * 7 + ((x * y + i) % 17) * 5) % 256


def image(i, channels, height, width):
    c, y, x = np.meshgrid(np.arange(channels), np.arange(height), np.arange(width), indexing="ij")
    return pixel(i, c, y, x).astype(np.uint8)   # C x H x W


def smooth(i, height, width):
    """A smooth RGB picture for the JPEG files (JPEG is lossy on sharp patterns)."""
    y, x = np.meshgrid(np.arange(height), np.arange(width), indexing="ij")
    rgb = np.stack([128 + 100 * np.sin(x / 23.0 + i), 128 + 100 * np.cos(y / 31.0 - i), (x + y + 40 * i) % 256], axis=-1)
    return np.clip(rgb, 0, 255).astype(np.uint8)


class CifarTiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.fc = torch.nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        x = torch.nn.functional.max_pool2d(torch.relu(self.conv(x)), 4)
        return self.fc(torch.flatten(x, 1))


class FolderTiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 16, 8, stride=8)
        self.fc = torch.nn.Linear(16, 3)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        return self.fc(torch.flatten(torch.nn.functional.adaptive_avg_pool2d(x, 1), 1))


def export(model, shape, name):
    path = os.path.join(OUT, name)
    torch.onnx.export(model, torch.zeros(shape), path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    onnx.checker.check_model(onnx.load(path))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(7)

    # CIFAR-10: 20 images, labels (3 i) mod 10.
    cifar = CifarTiny().eval()
    export(cifar, (1, 3, 32, 32), "cifar_tiny.onnx")
    x = np.stack([image(i, 3, 32, 32) for i in range(20)]).astype(np.float32) / 255.0
    x = (torch.from_numpy(x) - torch.tensor(CIFAR_MEAN).view(1, 3, 1, 1)) / torch.tensor(CIFAR_STD).view(1, 3, 1, 1)
    with torch.no_grad():
        np.save(os.path.join(OUT, "cifar_tiny.logits.npy"), cifar(x).numpy().astype(np.float64))

    # Image folder: PNGs from the formula plus one committed JPEG per class, read by torchvision's
    # ImageFolder with Resize(256), CenterCrop(224) and ImageNet's normalisation.
    folder = FolderTiny().eval()
    export(folder, (1, 3, 224, 224), "folder_tiny.onnx")
    with tempfile.TemporaryDirectory() as root:
        index = 0
        for cls, sizes in FOLDER.items():
            os.makedirs(os.path.join(root, cls))
            for k, (w, h) in enumerate(sizes):
                hwc = np.transpose(image(index, 3, h, w), (1, 2, 0))
                Image.fromarray(hwc).save(os.path.join(root, cls, "img%d.png" % k))
                index += 1
            jpeg = os.path.join(OUT, "%s.jpg" % cls)
            Image.fromarray(smooth(index, 240, 270)).save(jpeg, quality=85)
            with open(jpeg, "rb") as f, open(os.path.join(root, cls, "photo.jpg"), "wb") as g:
                g.write(f.read())
        tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                                 transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD)])
        data = torchvision.datasets.ImageFolder(root, transform=tf)
        batch = torch.stack([data[k][0] for k in range(len(data))])
        with torch.no_grad():
            np.save(os.path.join(OUT, "folder_tiny.logits.npy"), folder(batch).numpy().astype(np.float64))
        np.save(os.path.join(OUT, "folder_tiny.labels.npy"), np.array([data[k][1] for k in range(len(data))], dtype=np.int64))

    # Pillow's bilinear resize of one plane, shrinking and enlarging (the reader's resize must
    # give the same bytes).
    plane = image(3, 1, 33, 47)[0]
    for w, h in [(20, 14), (61, 40), (47, 12)]:
        np.save(os.path.join(OUT, "resize_%dx%d.npy" % (w, h)), np.asarray(Image.fromarray(plane).resize((w, h), Image.BILINEAR)).astype(np.int64))

    # NumPy archive as np.savez_compressed writes it: uint8 N x H x W x C test images, float32
    # N x C x H x W training images.
    test_x = np.stack([np.transpose(image(i, 3, 8, 6), (1, 2, 0)) for i in range(5)])
    train_x = np.stack([image(i + 5, 3, 8, 6) for i in range(4)]).astype(np.float32) / 255.0
    np.savez_compressed(os.path.join(OUT, "tiny.npz"), x_test=test_x, y_test=np.arange(5, dtype=np.int64) % 3,
                        x_train=train_x, y_train=np.arange(4, dtype=np.int64) % 3)


if __name__ == "__main__":
    main()
