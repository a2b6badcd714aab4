#pragma once
// A part of a longer job: fractions 0…1 of the part are reported to the whole job as
// start … start + span, and cancellation is the whole job's.
#include "common/Progress.h"

namespace kh {

class ProgressSpan final : public Progress {
public:
    ProgressSpan(Progress* whole, double start, double span) : whole_(whole), start_(start), span_(span) {}
    void report(double fraction, const std::string& what) override
    {
        if (whole_)
            whole_->report(start_ + span_ * fraction, what);
    }
    bool cancelled() const override { return whole_ && whole_->cancelled(); }

private:
    Progress* whole_;
    double start_, span_;
};

} // namespace kh
