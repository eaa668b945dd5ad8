#include "core/git/commit_graph.h"

#include <algorithm>

namespace shiplog::core::git {

int GraphRow::laneCount() const
{
    int highest = lane;
    for (const QList<Edge>* edges : {&upper, &lower}) {
        for (const Edge& e : *edges)
            highest = std::max({highest, int(e.from), int(e.to)});
    }
    return highest + 1;
}

namespace {
qsizetype freeLane(QStringList& lanes)
{
    const qsizetype free = lanes.indexOf(QString());
    if (free >= 0)
        return free;
    lanes.append(QString());
    return lanes.size() - 1;
}
} // namespace

GraphRow GraphBuilder::next(const QString& id, const QStringList& parents)
{
    GraphRow row;
    qsizetype lane = m_lanes.indexOf(id);
    if (lane < 0) // nothing waits for it: a branch tip starts a line in the first free lane
        lane = freeLane(m_lanes);
    row.lane = qint16(lane);

    // Top half: every open lane either ends in this commit (several children's lines meet here) or
    // passes by.
    for (qsizetype i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].isEmpty())
            continue;
        row.upper.append({qint16(i), m_lanes[i] == id ? qint16(lane) : qint16(i)});
    }
    for (QString& waiting : m_lanes) {
        if (waiting == id)
            waiting.clear();
    }

    // Bottom half: the first parent continues in this lane; further parents (a merge) join the lane
    // that already waits for them or open a new one.
    QList<qsizetype> opened;
    QList<GraphRow::Edge> outOfDot;
    if (!parents.isEmpty()) {
        m_lanes[lane] = parents.front();
        outOfDot.append({qint16(lane), qint16(lane)});
        for (qsizetype p = 1; p < parents.size(); ++p) {
            qsizetype target = m_lanes.indexOf(parents[p]);
            if (target < 0) {
                target = freeLane(m_lanes);
                m_lanes[target] = parents[p];
                opened.append(target);
            }
            outOfDot.append({qint16(lane), qint16(target)});
        }
    }
    for (qsizetype i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].isEmpty() || i == lane || opened.contains(i))
            continue;
        row.lower.append({qint16(i), qint16(i)});
    }
    row.lower.append(outOfDot);
    while (!m_lanes.isEmpty() && m_lanes.back().isEmpty())
        m_lanes.removeLast();
    return row;
}

} // namespace shiplog::core::git
