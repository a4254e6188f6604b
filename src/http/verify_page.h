#pragma once
// The verification pages for people, in French, without JavaScript, to the RGAA basics: the
// language declared, one h1 then h2 sections, every field labelled, dark text on light grounds,
// a visible focus and a skip link for keyboard users. Pure functions: a result in, HTML out.
#include <cstddef>
#include <string>
#include <string_view>

#include "http/backend.h"

namespace ceres::http::page {

// `&<>"'` as entities.
std::string escape(std::string_view text);

// GET /verify: a number to type, or a picture of the diploma to send. `error` (French) is shown
// above the forms when not empty.
std::string home(std::size_t max_picture_bytes, const std::string& error = "");
// By number: genuine, withdrawn, unknown or mistyped; then, for an issued number, the answer to
// the holder's name when one was typed, and the form to type it.
std::string numberResult(const std::string& unique_number, const VerifyResult& result);
// By the 2D code of a picture or a typed code: every signed field when the signature holds.
std::string codeResult(const VerifyResult& result);
// Anything the visitor must fix or wait for (unreadable picture, too many requests…).
std::string problem(const std::string& heading, const std::string& message);

}  // namespace ceres::http::page
