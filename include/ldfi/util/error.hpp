// The one exception hierarchy: only for what ends a run (I/O, solver failure, resource limit).
#pragma once

#include <stdexcept>
#include <string>

namespace ldfi {

/// Base of every exception ldfi throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The user's input is unusable (missing file, bad flag value, fault outside the model). Exit code 2.
class InputError : public Error {
public:
    using Error::Error;
    /// `details`: the diagnostics behind the message (already printed), e.g. for a JUnit file.
    InputError(const std::string& message, std::string details) : Error(message), m_details(std::move(details)) {}
    [[nodiscard]] const std::string& details() const { return m_details; }

private:
    std::string m_details;
};

/// A configured limit was reached (tuples, memory, time). Exit code 3.
class ResourceError : public Error {
public:
    using Error::Error;
};

/// The SAT/SMT backend failed in a way we did not expect. Exit code 4.
class SolverError : public Error {
public:
    using Error::Error;
};

/// A broken internal invariant: a bug in ldfi. Exit code 4.
class InternalError : public Error {
public:
    using Error::Error;
};

}  // namespace ldfi
