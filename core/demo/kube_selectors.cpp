#include "core/demo/kube_selectors.h"

#include <QRegularExpression>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

// Splits on commas that are not inside parentheses.
QStringList splitTerms(const QString& text)
{
    QStringList terms;
    QString current;
    int depth = 0;
    for (const QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            terms.append(current.trimmed());
            current.clear();
        } else {
            current.append(c);
        }
    }
    if (!current.trimmed().isEmpty() || !terms.isEmpty())
        terms.append(current.trimmed());
    return terms;
}

ApiError selectorError(const QString& text, const QString& why)
{
    return badRequest(QStringLiteral("unable to parse requirement: %1: \"%2\"").arg(why, text));
}

ApiResult<Selector::Requirement> parseTerm(const QString& term)
{
    Selector::Requirement r;
    if (term.isEmpty())
        return apiFail(selectorError(term, u"found '', expected: identifier"_s));
    if (term.startsWith(u'!')) {
        r.key = term.mid(1).trimmed();
        r.op = Selector::Op::DoesNotExist;
        return r;
    }
    static const QRegularExpression setTerm(u"^([^\\s!=]+)\\s+(in|notin)\\s*\\((.*)\\)$"_s);
    const auto set = setTerm.match(term);
    if (set.hasMatch()) {
        r.key = set.captured(1);
        r.op = set.captured(2) == u"in"_s ? Selector::Op::In : Selector::Op::NotIn;
        for (const QString& v : set.captured(3).split(u','))
            r.values.append(v.trimmed());
        return r;
    }
    qsizetype at = term.indexOf(u"!="_s);
    if (at > 0) {
        r.key = term.left(at).trimmed();
        r.op = Selector::Op::NotEquals;
        r.values = {term.mid(at + 2).trimmed()};
        return r;
    }
    at = term.indexOf(u"=="_s);
    if (at > 0) {
        r.key = term.left(at).trimmed();
        r.values = {term.mid(at + 2).trimmed()};
        return r;
    }
    at = term.indexOf(u'=');
    if (at > 0) {
        r.key = term.left(at).trimmed();
        r.values = {term.mid(at + 1).trimmed()};
        return r;
    }
    if (term.contains(u' ') || term.contains(u'(') || term.contains(u'=') || term.contains(u'<') ||
        term.contains(u'>'))
        return apiFail(selectorError(term, u"unexpected operator"_s));
    r.key = term;
    r.op = Selector::Op::Exists;
    return r;
}

} // namespace

bool Selector::matches(const QJsonObject& values) const
{
    for (const Requirement& r : requirements) {
        const bool has = values.contains(r.key);
        const QString value = values.value(r.key).toString();
        switch (r.op) {
        case Op::Equals:
            if (!has || value != r.values.value(0))
                return false;
            break;
        case Op::NotEquals:
            if (has && value == r.values.value(0))
                return false;
            break;
        case Op::In:
            if (!has || !r.values.contains(value))
                return false;
            break;
        case Op::NotIn:
            if (has && r.values.contains(value))
                return false;
            break;
        case Op::Exists:
            if (!has)
                return false;
            break;
        case Op::DoesNotExist:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

ApiResult<Selector> parseLabelSelector(const QString& text)
{
    Selector selector;
    if (text.trimmed().isEmpty())
        return selector;
    for (const QString& term : splitTerms(text)) {
        auto r = parseTerm(term);
        if (!r)
            return apiFail(r.error());
        selector.requirements.append(*r);
    }
    return selector;
}

ApiResult<Selector> parseFieldSelector(const QString& text, const ResourceType& type)
{
    Selector selector;
    if (text.trimmed().isEmpty())
        return selector;
    for (const QString& term : splitTerms(text)) {
        auto r = parseTerm(term);
        if (!r)
            return apiFail(badRequest(QStringLiteral("invalid field selector: %1").arg(r.error().message)));
        if (r->op != Selector::Op::Equals && r->op != Selector::Op::NotEquals)
            return apiFail(
                badRequest(QStringLiteral("invalid selector: '%1'; can't understand '%2'").arg(text, term)));
        if (r->key != u"metadata.name"_s && r->key != u"metadata.namespace"_s)
            return apiFail(badRequest(QStringLiteral("field label not supported: %1").arg(r->key)));
        Q_UNUSED(type);
        selector.requirements.append(*r);
    }
    return selector;
}

QJsonObject selectableFields(const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    return {{u"metadata.name"_s, meta.value(u"name"_s).toString()},
            {u"metadata.namespace"_s, meta.value(u"namespace"_s).toString()}};
}

} // namespace shiplog::core::demo
