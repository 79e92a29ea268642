// Compiled into every nanoFramework gate project so that a gate over a folder that has no
// sources yet still builds (an empty compilation is a warning, and gate warnings are errors).
// It deliberately declares nothing.
