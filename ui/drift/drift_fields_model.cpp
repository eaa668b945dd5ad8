#include "ui/drift/drift_fields_model.h"

#include "ui/common/relative_time.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPalette>

namespace shiplog::ui {

using core::drift::HiddenDifference;

namespace {

// Compact JSON for a cell: strings quoted, objects and lists on one line; absent as "(absent)".
QString cellText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QObject::tr("(absent)");
    case QJsonValue::String:
        return QStringLiteral("\"%1\"").arg(value.toString());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace

DriftFieldsModel::DriftFieldsModel(QObject* parent) : QAbstractTableModel(parent) {}

void DriftFieldsModel::setResource(const core::drift::ResourceDrift& resource, bool raw)
{
    beginResetModel();
    m_resource = resource;
    m_raw = raw;
    m_blame.clear();
    if (!m_fixedNow)
        m_now = QDateTime::currentDateTimeUtc();
    rebuild();
    endResetModel();
}

void DriftFieldsModel::setRaw(bool raw)
{
    if (raw == m_raw)
        return;
    beginResetModel();
    m_raw = raw;
    rebuild();
    endResetModel();
}

void DriftFieldsModel::setBlame(const QHash<QString, QString>& blame)
{
    m_blame = blame;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, CommitColumn), index(int(m_rows.size()) - 1, CommitColumn));
}

void DriftFieldsModel::clear()
{
    beginResetModel();
    m_resource = {};
    m_rows.clear();
    m_blame.clear();
    endResetModel();
}

void DriftFieldsModel::rebuild()
{
    m_rows.clear();
    for (const core::drift::FieldDrift& f : std::as_const(m_resource.fields))
        m_rows.append(Row{f.path, f.desired, f.live, f.manager, f.time, false, {}});
    if (m_raw) {
        for (const HiddenDifference& h : std::as_const(m_resource.hidden)) {
            QString why = core::drift::reasonName(h.reason);
            if (!h.detail.isEmpty())
                why += QStringLiteral(": ") + h.detail;
            m_rows.append(Row{h.path, h.desired, h.live, {}, {}, true, why});
        }
    }
}

QString DriftFieldsModel::changedBy(int row) const
{
    const Row& r = m_rows.at(row);
    if (r.manager.isEmpty())
        return r.hidden ? QString() : tr("unknown");
    if (!r.time.isValid())
        return r.manager;
    return QStringLiteral("%1, %2").arg(r.manager, relativeTime(r.time, m_now));
}

QString DriftFieldsModel::pathAt(int row) const
{
    return m_rows.at(row).path;
}

bool DriftFieldsModel::isHiddenRow(int row) const
{
    return m_rows.at(row).hidden;
}

int DriftFieldsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DriftFieldsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DriftFieldsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return r.path;
        case GitColumn:
            return cellText(r.desired);
        case ClusterColumn:
            return cellText(r.live);
        case ChangedByColumn:
            return changedBy(index.row());
        case CommitColumn:
            return r.hidden ? QString() : m_blame.value(r.path);
        case HiddenColumn:
            return r.why;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ChangedByColumn:
            if (r.time.isValid())
                return tr("%1 last wrote this field at %2 (metadata.managedFields)")
                    .arg(r.manager, absoluteTime(r.time));
            return {};
        case GitColumn:
            return cellText(r.desired);
        case ClusterColumn:
            return cellText(r.live);
        case HiddenColumn:
            return r.why;
        case CommitColumn:
            return m_blame.value(r.path);
        default:
            return r.path;
        }
    case Qt::ForegroundRole:
        if (r.hidden)
            return theme::mutedText(QApplication::palette());
        return {};
    case Qt::FontRole:
        if (index.column() == GitColumn || index.column() == ClusterColumn || index.column() == PathColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case PathRole:
        return r.path;
    case HiddenRole:
        return r.hidden;
    default:
        return {};
    }
}

QVariant DriftFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Field");
    case GitColumn:
        return tr("In git");
    case ClusterColumn:
        return tr("In cluster");
    case ChangedByColumn:
        return tr("Changed by");
    case CommitColumn:
        return tr("Git value last set in");
    case HiddenColumn:
        return tr("Why hidden");
    }
    return {};
}

} // namespace shiplog::ui
