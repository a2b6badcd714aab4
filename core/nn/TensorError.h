#pragma once
// A bad tensor found where the node is not known (a shape, an element count, a float used as an
// integer). The executor adds the model file and the node to the message.
#include "common/InputError.h"

namespace kh::nn {

class TensorError : public InputError {
public:
    using InputError::InputError;
};

} // namespace kh::nn
