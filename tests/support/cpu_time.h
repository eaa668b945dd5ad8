#pragma once

// CPU time (user + system) in milliseconds, as the benchmarks print it beside wall time.
#include <sys/resource.h>

namespace shiplog::test {

inline double cpuMs(const rusage& usage)
{
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// RUSAGE_SELF (all threads of this process) or RUSAGE_CHILDREN (the children waited for).
inline double cpuMs(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return cpuMs(usage);
}

} // namespace shiplog::test
