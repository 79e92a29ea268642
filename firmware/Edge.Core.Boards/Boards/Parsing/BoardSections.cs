// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>The sections read so far, indexed sections by their number (gaps allowed until assembly).</summary>
    internal sealed class BoardSections
    {
        // What may stand between a section's name and its number: the blanks a key line allows around '=', tabs included.
        private static readonly char[] s_blanks = new char[] { ' ', '\t' };

        public BoardSections()
        {
            Cells = new CellSectionBuilder[BoardParser.MaxCells];
            Modules = new ModuleSectionBuilder[BoardParser.MaxModules];
            Temperatures = new TemperatureSectionBuilder[BoardParser.MaxTemperatures];
        }

        public BoardSectionBuilder Board { get; set; }

        public MuxSectionBuilder Mux { get; set; }

        public SafetySectionBuilder Safety { get; set; }

        /// <summary>The optional <c>[enable]</c> section (hardware enable), or null.</summary>
        public EnableSectionBuilder Enable { get; set; }

        /// <summary>The optional <c>[reference]</c> section, or null.</summary>
        public ReferenceSectionBuilder Reference { get; set; }

        /// <summary>The optional <c>[cells]</c> section, or null.</summary>
        public CellParametersSectionBuilder CellParameters { get; set; }

        public CellSectionBuilder[] Cells { get; }

        public ModuleSectionBuilder[] Modules { get; }

        public TemperatureSectionBuilder[] Temperatures { get; }

        /// <summary>
        /// Opens a section from its header text (without brackets). Returns the builder, or sets
        /// <paramref name="error"/> for an unknown, badly numbered or repeated section.
        /// </summary>
        public SectionBuilder Open(string inner, string header, int line, out BoardParseError error)
        {
            error = null;
            int space = inner.IndexOfAny(s_blanks);
            string name = space < 0 ? inner : inner.Substring(0, space);
            string indexText = space < 0 ? string.Empty : inner.Substring(space + 1).Trim();
            bool indexed = name == "cell" || name == "module" || name == "temperature";
            bool plain = name == "board" || name == "mux" || name == "safety" || name == "cells" || name == "enable" || name == "reference";
            if (!indexed && !plain)
            {
                error = Fail(line, BoardParseErrorKind.UnknownSection, header, "unknown section " + header + "; use [board], [mux], [reference], [enable], [cells], [cell N], [module N], [temperature N] or [safety]");
                return null;
            }

            if (plain)
            {
                if (indexText.Length > 0)
                {
                    error = Fail(line, BoardParseErrorKind.Syntax, header, "section [" + name + "] takes no number");
                    return null;
                }

                return OpenPlain(name, header, line, out error);
            }

            int max = name == "cell" ? BoardParser.MaxCells : (name == "module" ? BoardParser.MaxModules : BoardParser.MaxTemperatures);
            long index;
            if (!FixedPointText.TryParse(indexText, 0, out index) || indexText[0] == '-' || indexText[0] == '+')
            {
                error = Fail(line, BoardParseErrorKind.Syntax, header, "section [" + name + " N] needs a number N, found " + header);
                return null;
            }

            if (index >= max)
            {
                error = Fail(line, BoardParseErrorKind.OutOfRange, header, "section " + header + ": number must be 0 to " + (max - 1).ToString());
                return null;
            }

            return OpenIndexed(name, (int)index, header, line, out error);
        }

        private SectionBuilder OpenPlain(string name, string header, int line, out BoardParseError error)
        {
            error = Duplicate(ExistingPlain(name), header, line);
            if (error != null)
            {
                return null;
            }

            if (name == "board")
            {
                Board = new BoardSectionBuilder(header, line);
                return Board;
            }

            if (name == "mux")
            {
                Mux = new MuxSectionBuilder(header, line);
                return Mux;
            }

            if (name == "cells")
            {
                CellParameters = new CellParametersSectionBuilder(header, line);
                return CellParameters;
            }

            if (name == "enable")
            {
                Enable = new EnableSectionBuilder(header, line);
                return Enable;
            }

            if (name == "reference")
            {
                Reference = new ReferenceSectionBuilder(header, line);
                return Reference;
            }

            Safety = new SafetySectionBuilder(header, line);
            return Safety;
        }

        private SectionBuilder ExistingPlain(string name)
        {
            if (name == "board")
            {
                return Board;
            }

            if (name == "mux")
            {
                return Mux;
            }

            if (name == "cells")
            {
                return CellParameters;
            }

            if (name == "enable")
            {
                return Enable;
            }

            if (name == "reference")
            {
                return Reference;
            }

            return Safety;
        }

        private SectionBuilder OpenIndexed(string name, int index, string header, int line, out BoardParseError error)
        {
            SectionBuilder existing = name == "cell" ? (SectionBuilder)Cells[index] : (name == "module" ? (SectionBuilder)Modules[index] : Temperatures[index]);
            error = Duplicate(existing, header, line);
            if (error != null)
            {
                return null;
            }

            if (name == "cell")
            {
                Cells[index] = new CellSectionBuilder(header, line, index);
                return Cells[index];
            }

            if (name == "module")
            {
                Modules[index] = new ModuleSectionBuilder(header, line, index);
                return Modules[index];
            }

            Temperatures[index] = new TemperatureSectionBuilder(header, line, index);
            return Temperatures[index];
        }

        private static BoardParseError Duplicate(SectionBuilder existing, string header, int line)
        {
            if (existing == null)
            {
                return null;
            }

            return Fail(line, BoardParseErrorKind.DuplicateSection, header, "duplicate section " + header + ", first on line " + existing.HeaderLine.ToString());
        }

        private static BoardParseError Fail(int line, BoardParseErrorKind kind, string header, string message)
        {
            return new BoardParseError(line, kind, header, string.Empty, message);
        }
    }
}
