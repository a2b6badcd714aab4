#include "cim/AdcQuantizer.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

AdcQuantizer::AdcQuantizer(AdcMode mode, int bits, long long pMax)
    : mode_(mode), levels_(bits >= 62 ? (1 << 30) : int(std::min<long long>(1LL << bits, 1LL << 30))), pMax_(std::max(1LL, pMax))
{
    lossless_ = (long long)(levels_ - 1) >= pMax_;
    step_ = lossless_ ? 1.0 : double(pMax_) / double(levels_ - 1);
    if (mode_ == AdcMode::Nonlinear && !lossless_) {
        // Until calibrated, behave like the linear ADC.
        for (int i = 0; i < levels_; ++i)
            values_.push_back(i * step_);
        for (int i = 0; i + 1 < levels_; ++i)
            edges_.push_back((i + 0.5) * step_);
    }
}

void AdcQuantizer::calibrate(std::vector<double> samples)
{
    if (mode_ != AdcMode::Nonlinear || lossless_ || samples.empty())
        return;
    std::sort(samples.begin(), samples.end());
    // Distinct integer values first: if they fit in the levels, give each its own level.
    std::vector<double> distinct;
    for (double s : samples)
        if (distinct.empty() || std::round(s) != distinct.back())
            distinct.push_back(std::round(s));
    edges_.clear();
    values_.clear();
    if (int(distinct.size()) <= levels_) {
        for (size_t i = 0; i < distinct.size(); ++i) {
            values_.push_back(distinct[i]);
            if (i + 1 < distinct.size())
                edges_.push_back(0.5 * (distinct[i] + distinct[i + 1]));
        }
        return;
    }
    // Equal-probability bins: edges at quantiles, values at the bin means.
    const size_t n = samples.size();
    size_t begin = 0;
    for (int l = 0; l < levels_; ++l) {
        size_t end = l + 1 == levels_ ? n : size_t(double(n) * (l + 1) / levels_);
        end = std::max(end, begin + 1);
        end = std::min(end, n);
        // Never split equal values across two bins.
        while (end < n && samples[end] == samples[end - 1])
            ++end;
        if (begin >= n)
            break;
        double sum = 0;
        for (size_t i = begin; i < end; ++i)
            sum += samples[i];
        values_.push_back(sum / double(end - begin));
        if (end < n)
            edges_.push_back(0.5 * (samples[end - 1] + samples[end]));
        begin = end;
    }
}

void AdcQuantizer::setRange(double range)
{
    if (mode_ != AdcMode::Linear || lossless_ || !(range > 0))
        return;
    step_ = std::max(1.0, range / double(levels_ - 1));
}

double AdcQuantizer::nonlinear(double v) const
{
    const size_t bin = size_t(std::upper_bound(edges_.begin(), edges_.end(), v) - edges_.begin());
    return values_[std::min(bin, values_.size() - 1)];
}

} // namespace kh::cim
