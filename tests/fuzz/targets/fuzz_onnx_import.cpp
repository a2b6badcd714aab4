// ONNX import: protobuf parsing, tensors, attributes, graph structure.
#include "../FuzzTarget.h"

#include "nn/OnnxImport.h"

KIRCHHOFF_FUZZ_TARGET(bytes)
{
    kh::nn::importOnnxBytes(bytes, "fuzz.onnx");
}
