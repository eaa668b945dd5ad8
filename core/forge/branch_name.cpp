#include "core/forge/branch_name.h"

#include <QStringList>

namespace shiplog::core::forge {

namespace {

// One path component, as refs.c check_refname_component sees it.
std::optional<QString> componentProblem(const QString& component)
{
    if (component.isEmpty())
        return QStringLiteral("has an empty path component ('//', or '/' at the start or end)");
    if (component.startsWith(u'.'))
        return QStringLiteral("has a path component that starts with '.'");
    if (component.endsWith(QStringLiteral(".lock")))
        return QStringLiteral("has a path component that ends with '.lock'");
    return std::nullopt;
}

} // namespace

std::optional<QString> branchNameProblem(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("is empty");
    if (name.startsWith(u'-'))
        return QStringLiteral("starts with '-'");
    if (name == u"HEAD")
        return QStringLiteral("is HEAD, which git reserves");
    if (name.startsWith(QStringLiteral("refs/")))
        return QStringLiteral("starts with 'refs/': give the branch's short name (e.g. '%1')")
            .arg(name.section(u'/', 2));
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f)
            return QStringLiteral("contains a control character");
        switch (u) {
        case u' ':
            return QStringLiteral("contains a space");
        case u'~':
        case u'^':
        case u':':
        case u'?':
        case u'*':
        case u'[':
        case u'\\':
            return QStringLiteral("contains '%1'").arg(c);
        default:
            break;
        }
    }
    if (name.contains(QStringLiteral("..")))
        return QStringLiteral("contains '..'");
    if (name.contains(QStringLiteral("@{")))
        return QStringLiteral("contains '@{'");
    if (name.endsWith(u'.'))
        return QStringLiteral("ends with '.'");
    for (const QString& component : name.split(u'/'))
        if (auto problem = componentProblem(component))
            return problem;
    return std::nullopt;
}

} // namespace shiplog::core::forge
