#include "core/drift/field_path.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace shiplog::core::drift {

namespace {

bool plainKey(const QString& key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
    return plain.match(key).hasMatch();
}

} // namespace

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

std::optional<FieldPath> parsePath(const QString& text)
{
    FieldPath path;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (text.at(i) == u'.') {
            ++i;
            continue;
        }
        if (text.at(i) != u'[') { // a plain key runs to the next . or [
            qsizetype end = i;
            while (end < n && text.at(end) != u'.' && text.at(end) != u'[')
                ++end;
            path = childKey(std::move(path), text.mid(i, end - i));
            i = end;
            continue;
        }
        if (i + 1 < n && text.at(i + 1) == u'"') { // ["app.kubernetes.io/name"]
            const qsizetype end = text.indexOf(QStringLiteral("\"]"), i + 2);
            if (end < 0)
                return std::nullopt;
            path = childKey(std::move(path), text.mid(i + 2, end - i - 2));
            i = end + 2;
            continue;
        }
        const qsizetype end = text.indexOf(u']', i + 1);
        if (end < 0)
            return std::nullopt;
        const QString inside = text.mid(i + 1, end - i - 1);
        const qsizetype eq = inside.indexOf(u'=');
        if (eq > 0) {
            path = childItem(std::move(path), inside.left(eq), inside.mid(eq + 1));
        } else {
            bool ok = false;
            const int index = inside.toInt(&ok);
            if (!ok)
                return std::nullopt;
            path = childIndex(std::move(path), index);
        }
        i = end + 1;
    }
    return path;
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
    if (key == u"containers" || key == u"initContainers" || key == u"ephemeralContainers" ||
        key == u"volumes" || key == u"env" || key == u"imagePullSecrets")
        return QStringLiteral("name");
    // Admission webhook configurations merge their webhooks by name.
    if (key == u"webhooks" && path.size() == 1 && kind.endsWith(u"WebhookConfiguration"))
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

} // namespace shiplog::core::drift
