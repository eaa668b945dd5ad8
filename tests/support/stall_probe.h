#pragma once

// Measures how long the GUI thread's event loop goes without turning: a 5-ms precise timer on the
// GUI thread notes the time of each tick, and the interval between two ticks is the longest the
// loop could not have handled a user's input (the stall; ~5 ms when the loop is free). Each gap is
// charged to the step the test named last (setStep), with where its time went: an event filter on
// the application sees each event dispatched, and the time from one to the next is summed by the
// receiver's class and the event type (the three biggest are reported), which says what the GUI
// was doing. pause()/resume() leave out
// the test's own set-up work (running git, seeding a server). waitFor() waits without sleeping, so
// the waiting adds no gap of its own. Each gap also says how much of it the GUI thread ran (its
// CPU time): on a machine short of cores the rest was spent waiting for one.
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <functional>

class QTimer;

namespace shiplog::test {

class StallProbe : public QObject
{
    Q_OBJECT
public:
    struct Gap
    {
        qint64 ms = 0;          // the interval between two ticks of the timer
        qint64 cpuMs = 0;       // of which the GUI thread ran
        qint64 queuedMs = 0;    // of which it was ready but waited for a core (schedstat); the rest it was
                                // blocked (a lock, a wait, I/O): what a stall of the GUI's own making is
        qint64 atMs = 0;        // when it ended, since the probe was made
        qint64 monotonicMs = 0; // the same on CLOCK_MONOTONIC (to find it in a profile: perf record -k mono)
        QString step;           // what the test was doing
        QString culprit;        // "QFutureWatcherBase FutureCallOut ×12 90 ms, …": where the time went
    };
    struct Step
    {
        QString name;
        Gap longest; // the longest interval
        Gap busiest; // the interval in which the GUI thread ran longest
        Gap own;     // the interval longest without its wait for a core (ms - queuedMs): the GUI's own stall
        int ticks = 0;
        qint64 ms = 0; // time spent in the step while measuring
    };

    explicit StallProbe(QObject* parent = nullptr);
    ~StallProbe() override;

    void start(const QString& step);
    void stop();
    void pause();  // the test's own work follows: not measured
    void resume(); // measuring again; the pause itself is no gap
    void setStep(const QString& step);
    QString step() const { return m_step; }

    // Runs the event loop (no sleeping, no busy waiting) until `predicate` holds, checking it at each
    // tick; false after `timeoutMs`.
    bool waitFor(const std::function<bool()>& predicate, int timeoutMs);
    // Runs the event loop for `ms`.
    void idle(int ms);

    Gap longest() const; // over all steps
    Gap busiest() const; // over all steps: the most GUI-thread CPU time between two ticks
    Gap own() const;     // over all steps: the longest interval less the GUI thread's wait for a core
    const QList<Step>& steps() const { return m_steps; }
    // One line per step and the overall maximum, for the test's output.
    QString report() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void tick();
    Step& current();
    Gap largest(Gap Step::*which, qint64 (*measure)(const Gap&)) const;

    QTimer* m_timer;
    QElapsedTimer m_clock;
    bool m_running = false;
    qint64 m_lastTick = -1;
    qint64 m_lastQueuedUs = 0;
    qint64 m_lastCpuUs = 0;
    QString m_step;
    QList<Step> m_steps;
    // The event being dispatched and the longest quiet stretch since the last tick.
    qint64 m_lastEventAt = -1;
    const char* m_lastEventClass = nullptr;
    int m_lastEventType = 0;
    // Since the last tick: the time from each event's dispatch to the next, by receiver class and type.
    QHash<QPair<const char*, int>, QPair<qint64, int>> m_spent;
};

} // namespace shiplog::test
