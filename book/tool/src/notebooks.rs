//! The course's two notebooks: their headings in their order (the book's chapters follow it),
//! where the course's public repository keeps them, and where a course-map row belongs.

/// The folder of the course's public repository that holds the notebooks' files, on its
/// default branch (`HEAD`): github.com/ue22-p20/parallelism-intro, whose notebooks 02 and 03
/// are the two this companion follows, heading for heading.
pub const COURSE_REPOSITORY: &str =
    "https://github.com/ue22-p20/parallelism-intro/blob/HEAD/notebooks";

/// One notebook of the course.
pub struct Notebook {
    /// The folder of its chapters in the book: `notebook-02`.
    pub folder: &'static str,
    /// How the book names it: `notebook 02, « Parallélisme à mémoire partagée »`.
    pub name: &'static str,
    /// Its file in the course's repository.
    pub file: &'static str,
    /// Its headings in order: (level, heading as written, `##` being 2).
    pub outline: &'static [(usize, &'static str)],
}

/// Notebook 02 (its first heading says « Parallélisme à mémoire distribuée », a slip of the
/// notebook: it is the one on shared memory, as its file name says). The Python
/// comments inside its code cells that start with `##` are not headings.
pub const NOTEBOOK_02: Notebook = Notebook {
    folder: "notebook-02",
    name: "notebook 02, « Parallélisme à mémoire partagée »",
    file: "02-parallelisme-a-memoire-partagee-en-pratique.md",
    outline: &[
        (2, "Les limitations de Python"),
        (2, "Du vrai multi-thread en Python - le module `threading`"),
        (3, "Création et utilisation des threads"),
        (3, "Notion de vérouillage"),
        (3, "Les limitations"),
        (3, "Exemple de vrai multi-threading en c++"),
        (2, "Du vrai-faux multi-thread en Python - le module `multiprocessing`"),
        (4, "Les locks ?"),
        (4, "Retour sur le calcul de $\\pi$"),
    ],
};

/// Notebook 03, on MPI.
pub const NOTEBOOK_03: Notebook = Notebook {
    folder: "notebook-03",
    name: "notebook 03, « Parallélisme à mémoire distribuée en pratique »",
    file: "03-parallelisme-a-memoire-distribuee-en-pratique.md",
    outline: &[
        (2, "Notebook et parallélisme à mémoire distribuée"),
        (3, "Configuration de votre environnement"),
        (3, "Test de votre environnement"),
        (2, "Message Passing Interface en Python"),
        (3, "mpi4py"),
        (3, "Notion de communicateur"),
        (3, "C'est jolie le communicateur mais pour le moment on a pas encore communiqué ..."),
        (4, "Communications *Point-to-Point*"),
        (4, "Communications collective"),
        (3, "Exemple de base : calcul de $\\pi$"),
    ],
};

/// Both notebooks, in the course's order.
pub const NOTEBOOKS: [&Notebook; 2] = [&NOTEBOOK_02, &NOTEBOOK_03];

/// The notebooks' titles, which a course-map section may name before its section.
const TITLES: [&str; 2] =
    ["Parallélisme à mémoire distribuée en pratique", "Parallélisme à mémoire distribuée"];

impl Notebook {
    /// The notebook named in Markdown, its file linked in [`COURSE_REPOSITORY`].
    pub fn reference(&self) -> String {
        format!("{} ([{1}]({COURSE_REPOSITORY}/{1}))", self.name, self.file)
    }
}

/// Where a row's section sits in the course.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The notebook (an index into [`NOTEBOOKS`]) and the heading's index in its outline.
    pub notebook: usize,
    pub heading: usize,
}

/// The headings a course-map section names: the chain `« A » → « B »` gives B (the last of the
/// chain, the notebooks' titles left out), then any heading added after a comma,
/// `« A », « C »`. Text in parentheses and words after the headings are commentary.
pub fn named_headings(section: &str) -> (Option<String>, Vec<String>) {
    let mut chain: Vec<String> = Vec::new();
    let mut also = Vec::new();
    let mut rest = section;
    let mut joined_by_arrow = true;
    while let Some(open) = rest.find('«') {
        let between = rest[..open].trim();
        let after_open = &rest[open + '«'.len_utf8()..];
        let Some(close) = after_open.find('»') else { break };
        let heading = after_open[..close].trim().to_string();
        let first = chain.is_empty() && also.is_empty() && between.is_empty();
        if first || joined_by_arrow && between == "→" {
            chain.push(heading);
        } else if between == "," {
            joined_by_arrow = false;
            also.push(heading);
        } else {
            break;
        }
        rest = &after_open[close + '»'.len_utf8()..];
    }
    chain.retain(|h| !TITLES.contains(&h.as_str()));
    (chain.pop(), also)
}

/// A heading as the book shows it: the notebook's TeX `$\pi$` as the character π (the book
/// shows no TeX). The outline keeps the course's own text, and the chapters' file names come
/// from it (`retour-sur-le-calcul-de-pi.md`).
pub fn shown(heading: &str) -> String {
    heading.replace("$\\pi$", "π")
}

/// The place of a heading, written as the notebook writes it or as the book shows it
/// ([`shown`]), if a notebook has it.
pub fn find(heading: &str) -> Option<Place> {
    NOTEBOOKS.iter().enumerate().find_map(|(notebook, nb)| {
        let heading = nb.outline.iter().position(|(_, h)| *h == heading || shown(h) == heading)?;
        Some(Place { notebook, heading })
    })
}

/// The page name of a heading: ASCII, lower case, words joined by `-`
/// (`Retour sur le calcul de $\pi$` → `retour-sur-le-calcul-de-pi`).
pub fn slug(heading: &str) -> String {
    let folded: String = heading
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_name_their_headings() {
        let (h, also) = named_headings("« Notion de vérouillage » (without the lock)");
        assert_eq!((h.as_deref(), also.len()), (Some("Notion de vérouillage"), 0));
        let (h, also) = named_headings(
            "« Du vrai-faux multi-thread en Python - le module `multiprocessing` » → « Les locks ? » (what it says)",
        );
        assert_eq!((h.as_deref(), also.len()), (Some("Les locks ?"), 0));
        let (h, also) =
            named_headings("« Les limitations », « Exemple de vrai multi-threading en c++ »");
        assert_eq!(h.as_deref(), Some("Les limitations"));
        assert_eq!(also, ["Exemple de vrai multi-threading en c++"]);
        let (h, _) = named_headings(
            "« Parallélisme à mémoire distribuée en pratique » → « Communications collective » (`Bcast`)",
        );
        assert_eq!(h.as_deref(), Some("Communications collective"));
        let (h, _) = named_headings("Beyond the course: « Les limitations », the vector unit");
        assert_eq!(h, None, "words before the first heading: not a course section");
    }

    #[test]
    fn headings_are_found_and_slugged() {
        assert_eq!(find("Les locks ?"), Some(Place { notebook: 0, heading: 7 }));
        assert_eq!(find("Communications collective"), Some(Place { notebook: 1, heading: 8 }));
        assert_eq!(slug("Retour sur le calcul de $\\pi$"), "retour-sur-le-calcul-de-pi");
        assert_eq!(shown("Exemple de base : calcul de $\\pi$"), "Exemple de base : calcul de π");
        assert_eq!(find("Retour sur le calcul de π"), Some(Place { notebook: 0, heading: 8 }));
        assert_eq!(find("Retour sur le calcul de $\\pi$"), find("Retour sur le calcul de π"));
        assert_eq!(slug("Notion de vérouillage"), "notion-de-verouillage");
    }
}
