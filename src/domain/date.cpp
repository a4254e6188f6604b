#include "domain/date.h"

#include <cstdio>

namespace ceres::domain {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
// Days from 0000-03-01 (proleptic Gregorian) to 2000-01-01 in the civil-days algorithm below.
constexpr long kEpochShift = 730425;

std::optional<int> digits(std::string_view text) {
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Days since 0000-03-01: years start in March so that the leap day ends the year.
long civilDays(int year, int month, int day) {
    const int y = month <= 2 ? year - 1 : year;
    const long era = y / 400;
    const long year_of_era = y - era * 400;
    const long day_of_year = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era;
}

}  // namespace

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<Date> Date::fromYmd(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > daysInMonth(year, month)) return std::nullopt;
    return Date(year, month, day);
}

std::optional<Date> Date::parse(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    const auto year = digits(iso.substr(0, 4));
    const auto month = digits(iso.substr(5, 2));
    const auto day = digits(iso.substr(8, 2));
    if (!year || !month || !day) return std::nullopt;
    return fromYmd(*year, *month, *day);
}

Date Date::fromDaysSinceEpoch(long days) {
    const long z = days + kEpochShift;
    const long era = z / 146097;
    const long day_of_era = z - era * 146097;
    const long year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return Date(year, month, day);
}

long Date::daysSinceEpoch() const { return civilDays(year_, month_, day_) - kEpochShift; }

Date Date::addDays(long days) const { return fromDaysSinceEpoch(daysSinceEpoch() + days); }

Date Date::addMonths(int months) const {
    const int index = year_ * 12 + (month_ - 1) + months;
    const int year = index / 12;
    const int month = index % 12 + 1;
    const int day = day_ < daysInMonth(year, month) ? day_ : daysInMonth(year, month);
    return Date(year, month, day);
}

std::string Date::iso() const {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year_, month_, day_);
    return text;
}

std::string Date::french() const {
    char text[32];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", day_, month_, year_);
    return text;
}

long daysBetween(Date from, Date to) { return to.daysSinceEpoch() - from.daysSinceEpoch(); }

std::optional<TimeOfDay> TimeOfDay::fromHm(int hour, int minute) {
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
    return TimeOfDay(hour * 60 + minute);
}

std::optional<TimeOfDay> TimeOfDay::parse(std::string_view hh_mm) {
    if (hh_mm.size() != 5 || hh_mm[2] != ':') return std::nullopt;
    const auto hour = digits(hh_mm.substr(0, 2));
    const auto minute = digits(hh_mm.substr(3, 2));
    if (!hour || !minute) return std::nullopt;
    return fromHm(*hour, *minute);
}

std::string TimeOfDay::text() const {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", hour(), minute());
    return text;
}

}  // namespace ceres::domain
