#include "ui/diff/syntax.h"

#include "ui/common/theme.h"

#include <KSyntaxHighlighting/Repository>

namespace shiplog::ui {

KSyntaxHighlighting::Repository& syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

KSyntaxHighlighting::Theme themeForPalette(const QPalette& palette)
{
    return syntaxRepository().defaultTheme(theme::isDark(palette)
                                               ? KSyntaxHighlighting::Repository::DarkTheme
                                               : KSyntaxHighlighting::Repository::LightTheme);
}

KSyntaxHighlighting::Definition yamlDefinition()
{
    auto definition = syntaxRepository().definitionForName(QStringLiteral("YAML"));
    // includedDefinitions() loads the definition and everything it includes, here on the GUI
    // thread; afterwards highlighting only reads it.
    (void)definition.includedDefinitions();
    return definition;
}

} // namespace shiplog::ui
