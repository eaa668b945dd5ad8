#pragma once

#include <QString>

namespace shiplog::test {

// Path of ../shared/fixtures/<name>.bundle, or empty when the fixtures are not beside the source
// tree (a newcomer's checkout). Under CI (CI=true) a missing fixture is a failure, not a skip.
QString fixtureBundle(const QString& name);

// Clones a fixture bundle into `destination` (a temporary folder of the test); returns false on error.
bool cloneFixture(const QString& name, const QString& destination, bool bare = false);

// Where benchmarks keep the repositories they generate or clone between runs ($TMPDIR/shiplog-bench).
QString benchCacheDir();

} // namespace shiplog::test

// Skips (or fails under CI) when a fixture bundle is not available.
#define SHIPLOG_REQUIRE_FIXTURE(name)                                                                        \
    do {                                                                                                     \
        if (shiplog::test::fixtureBundle(name).isEmpty()) {                                                  \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                         \
                QFAIL(qPrintable(QStringLiteral("fixture %1 missing under CI").arg(name)));                  \
            QSKIP("fixture bundles (../shared/fixtures) are not beside this checkout");                      \
        }                                                                                                    \
    } while (false)

namespace shiplog::test {
// The error message of a failed Result, or "" — safe inside QVERIFY2, which builds its message even
// when the check passes (calling .error() on a success is undefined behaviour).
template <typename R> QByteArray why(const R& result)
{
    return result.has_value() ? QByteArray() : result.error().message.toUtf8();
}
} // namespace shiplog::test
