#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::git {

// One row of the history graph, the way `git log --graph` lays it out: each lane is a column that
// waits for one commit; a row's edges run from the lanes at its top edge to the lanes at its middle
// (where the commit's dot sits) and from the middle to its bottom edge. A straight edge (i → i) is a
// lane passing by; a bent one joins or forks. The bottom lanes of a row are the top lanes of the next.
struct GraphRow
{
    struct Edge
    {
        qint16 from = 0;
        qint16 to = 0;
        bool operator==(const Edge&) const = default;
    };
    qint16 lane = 0;   // where the commit's dot is
    QList<Edge> upper; // top → middle; none into the dot when the commit starts a line (a branch tip)
    QList<Edge> lower; // middle → bottom; none out of the dot for a root commit
    int laneCount() const;
};

// Lays out rows one commit at a time, in the order the history lists them (children before their
// parents, as git log's default order does for commits with sane dates). Cheap per row: the cost is
// the number of open lanes, so it runs on the GUI thread as pages arrive.
class GraphBuilder
{
public:
    GraphRow next(const QString& id, const QStringList& parents);
    void reset() { m_lanes.clear(); }
    int openLanes() const { return int(m_lanes.size()); }

private:
    QStringList m_lanes; // the commit each lane waits for; empty = free
};

} // namespace shiplog::core::git
