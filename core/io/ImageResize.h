#pragma once
// Resizing and cropping of 8-bit image planes as torchvision does them on PIL images, so that a
// model evaluated here sees the pixels it would see in PyTorch:
//  - resize: Pillow's separable convolution resampling with the bilinear (triangle) filter,
//    widened by the scale factor when shrinking (antialiasing), weights in Pillow's 22-bit fixed
//    point, the horizontal pass rounded to 8 bits before the vertical one;
//  - Resize(int) scales the shorter side to 'size' and the longer to int(size · long / short);
//  - CenterCrop puts the crop's corner at round((side − crop) / 2), rounding half to even.
#include <cstdint>
#include <vector>

namespace kh {

// One channel, rows × cols, row-major.
std::vector<std::uint8_t> resizePlane(const std::uint8_t* plane, int cols, int rows, int newCols, int newRows);
// torchvision's output size of Resize(shorterSide) for a cols × rows image.
void resizedSize(int cols, int rows, int shorterSide, int& newCols, int& newRows);
// The top-left corner of a centre crop of 'crop' pixels along a side of 'side' pixels.
int centreCropOffset(int side, int crop);

} // namespace kh
