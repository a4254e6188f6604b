#pragma once
// A calendar day, as the payloads carry it; no time zone, no clock.
namespace ceres::xlsx {

struct Date {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31
};

}  // namespace ceres::xlsx
