#pragma once

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>
#include <QPalette>

namespace KSyntaxHighlighting {
class Repository;
}

namespace shiplog::ui {

// The application's one KSyntaxHighlighting repository (loading definitions is costly; Kate keeps
// one for the whole process). GUI thread only.
KSyntaxHighlighting::Repository& syntaxRepository();

// The default light or dark theme, chosen by the lightness of the palette's base colour.
KSyntaxHighlighting::Theme themeForPalette(const QPalette& palette);

// The YAML definition, fully loaded with what it includes, so that a job may read it without the
// repository loading anything on another thread.
KSyntaxHighlighting::Definition yamlDefinition();

} // namespace shiplog::ui
