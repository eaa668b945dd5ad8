#pragma once

#include "core/diff/change_set.h"

#include <QWidget>
#include <optional>

class QLabel;
class QTabWidget;

namespace shiplog::ui {

class DiffView;
class FieldsView;
class TimelineView;

// What happened to one resource: a header (kind, namespace/name, change, paths) over the tabs
// "Diff" | "Fields" | "Timeline".
class ResourcePane : public QWidget
{
    Q_OBJECT
public:
    explicit ResourcePane(QWidget* parent = nullptr);

    // `revision` is where the timeline starts (the commit on the new side).
    void showChange(const QString& repositoryPath, const core::diff::ResourceChange& change,
                    const QString& revision);
    void clear(const QString& message = {});

    QString headerText() const;
    DiffView* diffView() const { return m_diff; }
    FieldsView* fieldsView() const { return m_fields; }
    TimelineView* timelineView() const { return m_timeline; }
    QTabWidget* tabs() const { return m_tabs; }

signals:
    void commitActivated(const QString& commitId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void renderHeader();

    std::optional<core::diff::ResourceChange> m_change;
    QLabel* m_header;
    QTabWidget* m_tabs;
    DiffView* m_diff;
    FieldsView* m_fields;
    TimelineView* m_timeline;
};

} // namespace shiplog::ui
