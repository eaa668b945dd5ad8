#include "core/diff/field_diff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace shiplog::core::diff {

namespace {

bool isPlainKey(const QString& key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') ||
              c == QLatin1Char('$')))
            return false;
    }
    return true;
}

QString scalarText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// The member that identifies an item of the list `field`, or "" to match by position.
QString listKeyFor(const QString& field, const QJsonArray& a, const QJsonArray& b)
{
    static const QSet<QString> byName{QStringLiteral("containers"),
                                      QStringLiteral("initContainers"),
                                      QStringLiteral("ephemeralContainers"),
                                      QStringLiteral("volumes"),
                                      QStringLiteral("env"),
                                      QStringLiteral("imagePullSecrets")};
    QStringList candidates;
    if (byName.contains(field))
        candidates << QStringLiteral("name");
    else if (field == QLatin1String("volumeMounts"))
        candidates << QStringLiteral("mountPath");
    else if (field == QLatin1String("ports"))
        candidates << QStringLiteral("containerPort") << QStringLiteral("port");
    for (const QString& key : std::as_const(candidates)) {
        bool usable = true;
        for (const QJsonArray* list : {&a, &b}) {
            QSet<QString> seen;
            for (const QJsonValue& item : *list) {
                const QJsonValue id = item.toObject().value(key);
                if (!item.isObject() || id.isUndefined() || id.isNull() || id.isObject() || id.isArray() ||
                    seen.contains(scalarText(id))) {
                    usable = false;
                    break;
                }
                seen.insert(scalarText(id));
            }
            if (!usable)
                break;
        }
        if (usable)
            return key;
    }
    return QString();
}

class Differ
{
public:
    QList<FieldChange> changes;

    void value(const QString& path, const QString& field, const QJsonValue& a, const QJsonValue& b)
    {
        if (a == b)
            return;
        if (a.isObject() && b.isObject())
            return object(path, a.toObject(), b.toObject());
        if (a.isArray() && b.isArray())
            return array(path, field, a.toArray(), b.toArray());
        changes.append(FieldChange{path, FieldChange::Op::Changed, a, b});
    }

    void object(const QString& path, const QJsonObject& a, const QJsonObject& b)
    {
        // Both key lists are sorted: merge them.
        auto ia = a.begin();
        auto ib = b.begin();
        while (ia != a.end() || ib != b.end()) {
            if (ib == b.end() || (ia != a.end() && ia.key() < ib.key())) {
                changes.append(FieldChange{appendKey(path, ia.key()), FieldChange::Op::Removed, ia.value(),
                                           QJsonValue(QJsonValue::Null)});
                ++ia;
            } else if (ia == a.end() || ib.key() < ia.key()) {
                changes.append(FieldChange{appendKey(path, ib.key()), FieldChange::Op::Added,
                                           QJsonValue(QJsonValue::Null), ib.value()});
                ++ib;
            } else {
                value(appendKey(path, ia.key()), ia.key(), ia.value(), ib.value());
                ++ia;
                ++ib;
            }
        }
    }

    void array(const QString& path, const QString& field, const QJsonArray& a, const QJsonArray& b)
    {
        const QString key = listKeyFor(field, a, b);
        if (key.isEmpty()) {
            const qsizetype common = qMin(a.size(), b.size());
            for (qsizetype i = 0; i < common; ++i)
                value(path + QStringLiteral("[%1]").arg(i), QString(), a[i], b[i]);
            for (qsizetype i = common; i < a.size(); ++i)
                changes.append(FieldChange{path + QStringLiteral("[%1]").arg(i), FieldChange::Op::Removed,
                                           a[i], QJsonValue(QJsonValue::Null)});
            for (qsizetype i = common; i < b.size(); ++i)
                changes.append(FieldChange{path + QStringLiteral("[%1]").arg(i), FieldChange::Op::Added,
                                           QJsonValue(QJsonValue::Null), b[i]});
            return;
        }
        auto idOf = [&](const QJsonValue& item) { return scalarText(item.toObject().value(key)); };
        auto itemPath = [&](const QString& id) { return path + QStringLiteral("[%1=%2]").arg(key, id); };
        QHash<QString, QJsonValue> after;
        for (const QJsonValue& item : b)
            after.insert(idOf(item), item);
        QSet<QString> seen;
        for (const QJsonValue& item : a) {
            const QString id = idOf(item);
            seen.insert(id);
            const auto it = after.constFind(id);
            if (it == after.constEnd())
                changes.append(
                    FieldChange{itemPath(id), FieldChange::Op::Removed, item, QJsonValue(QJsonValue::Null)});
            else
                value(itemPath(id), QString(), item, *it);
        }
        for (const QJsonValue& item : b) {
            const QString id = idOf(item);
            if (!seen.contains(id))
                changes.append(
                    FieldChange{itemPath(id), FieldChange::Op::Added, QJsonValue(QJsonValue::Null), item});
        }
    }
};

} // namespace

QString opName(FieldChange::Op op)
{
    switch (op) {
    case FieldChange::Op::Added:
        return QStringLiteral("added");
    case FieldChange::Op::Removed:
        return QStringLiteral("removed");
    case FieldChange::Op::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QString appendKey(const QString& path, const QString& key)
{
    if (!isPlainKey(key)) {
        const QByteArray quoted = QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact);
        return path + QLatin1Char('[') + QString::fromUtf8(quoted.mid(1).chopped(1)) + QLatin1Char(']');
    }
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QList<FieldChange> diffFields(const QJsonObject& before, const QJsonObject& after)
{
    Differ differ;
    differ.object(QString(), before, after);
    return differ.changes;
}

} // namespace shiplog::core::diff
