#include "core/drift/field_path.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace shiplog::core::drift {

namespace {

QString scalarText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QStringLiteral("null");
}

bool plainKey(const QString& key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
    return plain.match(key).hasMatch();
}

}  // namespace

QString formatPath(const FieldPath& path)
{
    QString text;
    for (const PathSegment& s : path) {
        if (!s.isListItem()) {
            if (plainKey(s.key))
                text += (text.isEmpty() ? QString() : QStringLiteral(".")) + s.key;
            else
                text += QStringLiteral("[\"%1\"]").arg(s.key);
        } else if (!s.listKey.isEmpty()) {
            text += QStringLiteral("[%1=%2]").arg(s.listKey, scalarText(s.keyValue));
        } else {
            text += QStringLiteral("[%1]").arg(s.index);
        }
    }
    return text;
}

FieldPath childKey(FieldPath path, const QString& key)
{
    path.append(PathSegment{key, {}, {}, -1});
    return path;
}

FieldPath childItem(FieldPath path, const QString& listKey, const QJsonValue& value)
{
    path.append(PathSegment{{}, listKey, value, -1});
    return path;
}

FieldPath childIndex(FieldPath path, int index)
{
    path.append(PathSegment{{}, {}, {}, index});
    return path;
}

QString listKeyFor(const FieldPath& path, const QString& kind)
{
    if (path.isEmpty() || path.last().isListItem())
        return {};
    const QString& key = path.last().key;
    if (key == u"containers" || key == u"initContainers" || key == u"ephemeralContainers" || key == u"volumes"
        || key == u"env" || key == u"imagePullSecrets")
        return QStringLiteral("name");
    if (key == u"volumeMounts" || key == u"volumeDevices")
        return key == u"volumeMounts" ? QStringLiteral("mountPath") : QStringLiteral("devicePath");
    if (key == u"ports") {
        // Service ports are keyed by port; container ports (inside a containers item) by containerPort.
        const bool inContainer = path.size() >= 2 && path[path.size() - 2].isListItem();
        if (kind == u"Service" && !inContainer)
            return QStringLiteral("port");
        return QStringLiteral("containerPort");
    }
    return {};
}

QStringList pointerKeys(const QString& pointer)
{
    QStringList keys;
    for (QString part : pointer.split(u'/', Qt::SkipEmptyParts)) {
        part.replace(QStringLiteral("~1"), QStringLiteral("/"));
        part.replace(QStringLiteral("~0"), QStringLiteral("~"));
        keys.append(part);
    }
    return keys;
}

}  // namespace shiplog::core::drift
