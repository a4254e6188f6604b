#pragma once
// Calendar days and times of day as the payloads carry them: no time zone, no clock.
#include <optional>
#include <string>
#include <string_view>

namespace ceres::domain {

bool isLeapYear(int year);
int daysInMonth(int year, int month);

// A real calendar day between 0001-01-01 and 9999-12-31; every instance is valid.
class Date {
public:
    Date() = default;  // 2000-01-01, the origin of daysSinceEpoch()

    // "YYYY-MM-DD" naming a day that exists (2026-02-30 is refused); nothing else.
    static std::optional<Date> parse(std::string_view iso);
    static std::optional<Date> fromYmd(int year, int month, int day);
    // Days counted from 2000-01-01 (negative before it).
    static Date fromDaysSinceEpoch(long days);

    int year() const { return year_; }
    int month() const { return month_; }
    int day() const { return day_; }
    long daysSinceEpoch() const;

    Date addDays(long days) const;
    // Same day n months later (or earlier), clamped to the month's last day: 31 Jan + 1 = 28/29 Feb.
    Date addMonths(int months) const;
    Date addYears(int years) const { return addMonths(12 * years); }
    Date firstOfMonth() const { return Date(year_, month_, 1); }

    std::string iso() const;     // 2026-05-20
    std::string french() const;  // 20/05/2026

    friend bool operator==(Date a, Date b) { return a.daysSinceEpoch() == b.daysSinceEpoch(); }
    friend bool operator!=(Date a, Date b) { return !(a == b); }
    friend bool operator<(Date a, Date b) { return a.daysSinceEpoch() < b.daysSinceEpoch(); }
    friend bool operator>(Date a, Date b) { return b < a; }
    friend bool operator<=(Date a, Date b) { return !(b < a); }
    friend bool operator>=(Date a, Date b) { return !(a < b); }

private:
    Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}
    int year_ = 2000;
    int month_ = 1;
    int day_ = 1;
};

// Signed number of days from `from` to `to`.
long daysBetween(Date from, Date to);

// An inclusive range of days.
struct Period {
    Date from;
    Date to;
    bool contains(Date day) const { return from <= day && day <= to; }
};

// A time of day HH:MM, 00:00 to 23:59.
class TimeOfDay {
public:
    TimeOfDay() = default;  // 00:00
    static std::optional<TimeOfDay> parse(std::string_view hh_mm);
    static std::optional<TimeOfDay> fromHm(int hour, int minute);

    int hour() const { return minutes_ / 60; }
    int minute() const { return minutes_ % 60; }
    int minutesSinceMidnight() const { return minutes_; }
    std::string text() const;  // 08:00

    friend bool operator==(TimeOfDay a, TimeOfDay b) { return a.minutes_ == b.minutes_; }
    friend bool operator!=(TimeOfDay a, TimeOfDay b) { return a.minutes_ != b.minutes_; }
    friend bool operator<(TimeOfDay a, TimeOfDay b) { return a.minutes_ < b.minutes_; }

private:
    explicit TimeOfDay(int minutes) : minutes_(minutes) {}
    int minutes_ = 0;
};

}  // namespace ceres::domain
