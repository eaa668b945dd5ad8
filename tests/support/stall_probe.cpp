#include "tests/support/stall_probe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QMetaEnum>
#include <QTimer>
#include <algorithm>
#include <ctime>

namespace shiplog::test {

namespace {

qint64 threadCpuUs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
}

// How long this thread has waited on a run queue, ready to run (the second field of Linux's
// /proc/thread-self/schedstat, in ns); 0 where the kernel does not say.
qint64 threadQueuedUs()
{
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    return fields.size() >= 2 ? fields[1].toLongLong() / 1000 : 0;
}

} // namespace

StallProbe::StallProbe(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(5);
    connect(m_timer, &QTimer::timeout, this, &StallProbe::tick);
    m_clock.start();
}

StallProbe::~StallProbe()
{
    stop();
}

void StallProbe::start(const QString& step)
{
    setStep(step);
    if (!m_timer->isActive())
        m_timer->start();
    if (!m_running) {
        QCoreApplication::instance()->installEventFilter(this);
        m_running = true;
    }
    m_lastTick = m_clock.elapsed();
    m_lastCpuUs = threadCpuUs();
    m_lastQueuedUs = threadQueuedUs();
    m_spent.clear();
    m_lastEventClass = nullptr;
}

void StallProbe::stop()
{
    if (m_running && QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    m_running = false;
    m_lastTick = -1;
    m_timer->stop();
}

void StallProbe::pause()
{
    m_lastTick = -1;
}

void StallProbe::resume()
{
    m_lastTick = m_clock.elapsed();
    m_lastCpuUs = threadCpuUs();
    m_lastQueuedUs = threadQueuedUs();
    m_spent.clear();
    m_lastEventClass = nullptr;
}

void StallProbe::setStep(const QString& step)
{
    m_step = step;
    current();
}

StallProbe::Step& StallProbe::current()
{
    for (Step& s : m_steps)
        if (s.name == m_step)
            return s;
    m_steps.append(Step{m_step, {}, 0, 0});
    return m_steps.last();
}

bool StallProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (m_lastTick >= 0) {
        const qint64 now = m_clock.elapsed();
        if (m_lastEventClass) {
            auto& spent = m_spent[qMakePair(m_lastEventClass, m_lastEventType)];
            spent.first += now - m_lastEventAt;
            ++spent.second;
        }
        m_lastEventAt = now;
        m_lastEventClass = watched->metaObject()->className();
        m_lastEventType = int(event->type());
    }
    return false;
}

void StallProbe::tick()
{
    if (m_lastTick < 0)
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 gap = now - m_lastTick;
    const qint64 cpuUs = threadCpuUs();
    const qint64 cpu = (cpuUs - m_lastCpuUs) / 1000;
    m_lastCpuUs = cpuUs;
    const qint64 queuedUs = threadQueuedUs();
    const qint64 queued = (queuedUs - m_lastQueuedUs) / 1000;
    m_lastQueuedUs = queuedUs;
    Step& step = current();
    ++step.ticks;
    step.ms += gap;
    if (cpu > step.busiest.cpuMs)
        step.busiest = Gap{gap, cpu, queued, now, m_clock.msecsSinceReference() + now, m_step, {}};
    if (gap - queued > step.own.ms - step.own.queuedMs)
        step.own = Gap{gap, cpu, queued, now, m_clock.msecsSinceReference() + now, m_step, {}};
    if (gap > step.longest.ms) {
        QList<QPair<qint64, QString>> where;
        for (auto it = m_spent.cbegin(); it != m_spent.cend(); ++it) {
            const char* type = QMetaEnum::fromType<QEvent::Type>().valueToKey(it.key().second);
            where.append(
                {it->first, QStringLiteral("%1 %2 ×%3 %4 ms")
                                .arg(QString::fromLatin1(it.key().first),
                                     type ? QString::fromLatin1(type) : QString::number(it.key().second))
                                .arg(it->second)
                                .arg(it->first)});
        }
        std::sort(where.begin(), where.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        QStringList top;
        for (int i = 0; i < std::min<qsizetype>(3, where.size()); ++i)
            top << where[i].second;
        step.longest = Gap{gap,
                           cpu,
                           queued,
                           now,
                           m_clock.msecsSinceReference() + now,
                           m_step,
                           top.join(QStringLiteral(", "))};
    }
    m_lastTick = now;
    m_spent.clear();
}

bool StallProbe::waitFor(const std::function<bool()>& predicate, int timeoutMs)
{
    if (predicate())
        return true;
    const bool wasActive = m_timer->isActive();
    if (!wasActive)
        m_timer->start();
    QElapsedTimer waited;
    waited.start();
    bool met = false;
    QEventLoop loop;
    const auto connection = connect(m_timer, &QTimer::timeout, &loop, [&] {
        if (predicate()) {
            met = true;
            loop.quit();
        } else if (waited.elapsed() >= timeoutMs) {
            loop.quit();
        }
    });
    loop.exec();
    disconnect(connection);
    if (!wasActive)
        m_timer->stop();
    return met;
}

void StallProbe::idle(int ms)
{
    QElapsedTimer waited;
    waited.start();
    waitFor([&] { return waited.elapsed() >= ms; }, ms + 1000);
}

// The gap of all steps that is largest by `measure`, among each step's `which`.
StallProbe::Gap StallProbe::largest(Gap Step::*which, qint64 (*measure)(const Gap&)) const
{
    Gap result;
    for (const Step& s : m_steps)
        if (measure(s.*which) > measure(result))
            result = s.*which;
    return result;
}

StallProbe::Gap StallProbe::busiest() const
{
    return largest(&Step::busiest, [](const Gap& g) { return g.cpuMs; });
}

StallProbe::Gap StallProbe::own() const
{
    return largest(&Step::own, [](const Gap& g) { return g.ms - g.queuedMs; });
}

StallProbe::Gap StallProbe::longest() const
{
    return largest(&Step::longest, [](const Gap& g) { return g.ms; });
}

QString StallProbe::report() const
{
    QString text;
    for (const Step& s : m_steps) {
        if (s.ticks == 0)
            continue;
        text += QStringLiteral(
                    "  %1: longest gap %2 ms (the GUI thread ran %3 ms of it) at %4 s [monotonic %5 s]; "
                    "most GUI work between two ticks %6 ms; %7 s measured%8\n")
                    .arg(s.name)
                    .arg(s.longest.ms)
                    .arg(s.longest.cpuMs)
                    .arg(s.longest.atMs / 1000.0, 0, 'f', 1)
                    .arg(s.longest.monotonicMs / 1000.0, 0, 'f', 3)
                    .arg(s.busiest.cpuMs)
                    .arg(s.ms / 1000.0, 0, 'f', 1)
                    .arg(s.longest.culprit.isEmpty() ? QString()
                                                     : QStringLiteral("; in it: ") + s.longest.culprit);
    }
    const Gap overall = longest();
    text +=
        QStringLiteral(
            "  overall: longest gap %1 ms (GUI thread ran %2 ms, waited %6 ms for a core), in \"%3\"; most "
            "GUI work between two ticks %4 ms, in \"%5\"; longest gap less the wait for a core %7 ms\n")
            .arg(overall.ms)
            .arg(overall.cpuMs)
            .arg(overall.step)
            .arg(busiest().cpuMs)
            .arg(busiest().step)
            .arg(overall.queuedMs)
            .arg(own().ms - own().queuedMs);
    return text;
}

} // namespace shiplog::test
