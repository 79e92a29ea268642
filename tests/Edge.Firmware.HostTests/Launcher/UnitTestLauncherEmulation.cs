using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Edge.Firmware.HostTests.Launcher
{
    /// <summary>
    /// nanoFramework.TestFramework 3.0.77's on-device launcher (source/UnitTestLauncher/Program.cs)
    /// reproduced on .NET, rule for rule:
    /// <list type="bullet">
    /// <item>every class whose attributes include exactly <c>TestClassAttribute</c>, in the assembly's type order;</item>
    /// <item>per class, with the class's static fields shared by everything below and never reset:
    /// all <c>[Setup]</c> methods once; then every <c>[TestMethod]</c> in declaration order; then every
    /// <c>[DataRow]</c> invocation (methods in declaration order, rows in attribute order; a method with
    /// both attributes runs only its rows); then all <c>[Cleanup]</c> methods once;</item>
    /// <item>a <c>[Setup]</c> that throws <c>SkipTestException</c> (<c>Assert.SkipTest</c>) skips the
    /// class's tests and cleanup; a <c>[Setup]</c> that fails with any other exception is reported
    /// failed and the tests still run;</item>
    /// <item>only public methods are found (<c>Type.GetMethods()</c>), and each is called with no
    /// instance (<c>method.Invoke(null, parameters)</c>): test state must live in static fields;</item>
    /// <item>each invocation is reported passed, failed (any exception) or skipped (<c>SkipTestException</c>).</item>
    /// </list>
    /// <see cref="TestOrder.Reverse"/> runs the same test invocations backwards between the same
    /// Setup and Cleanup, which the device never does: it exposes tests that depend on what an
    /// earlier test left behind.
    /// </summary>
    public static class UnitTestLauncherEmulation
    {
        private const string FrameworkNamespace = "nanoFramework.TestFramework.";
        private const string TestClassAttribute = FrameworkNamespace + "TestClassAttribute";
        private const string TestMethodAttribute = FrameworkNamespace + "TestMethodAttribute";
        private const string SetupAttribute = FrameworkNamespace + "SetupAttribute";
        private const string CleanupAttribute = FrameworkNamespace + "CleanupAttribute";
        private const string DataRowAttribute = FrameworkNamespace + "DataRowAttribute";
        private const string SkipTestException = FrameworkNamespace + "SkipTestException";

        /// <summary>
        /// The classes the launcher runs, in the order it runs them (metadata order, as nanoCLR's
        /// Assembly.GetTypes()), restricted to a namespace.
        /// </summary>
        public static Type[] TestClasses(Assembly assembly, string namespacePrefix)
        {
            return assembly.GetTypes()
                .Where(t => t.IsClass && t.Namespace != null && (t.Namespace == namespacePrefix || t.Namespace.StartsWith(namespacePrefix + ".", StringComparison.Ordinal)))
                .Where(IsTestClass)
                .OrderBy(t => t.MetadataToken)
                .ToArray();
        }

        /// <summary>True when the launcher treats <paramref name="type"/> as a test class (exact attribute type, as it compares).</summary>
        public static bool IsTestClass(Type type)
        {
            return type.GetCustomAttributes(true).Any(a => a.GetType().FullName == TestClassAttribute);
        }

        /// <summary>Runs one test class as the launcher does and returns its console lines.</summary>
        public static IReadOnlyList<LauncherResult> RunClass(Type type, TestOrder order)
        {
            var results = new List<LauncherResult>();

            // nanoCLR's GetMethods() lists a type's public methods in metadata (declaration) order.
            MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .OrderBy(m => m.DeclaringType == type ? 0 : 1)
                .ThenBy(m => m.MetadataToken)
                .ToArray();

            foreach (Invocation setup in Invocations(methods, SetupAttribute))
            {
                if (!Run(setup, results) && IsSkip(results[results.Count - 1]))
                {
                    // The launcher stops here: no test and no cleanup of this class runs.
                    return results;
                }
            }

            List<Invocation> tests = Invocations(methods, TestMethodAttribute).Concat(Invocations(methods, DataRowAttribute)).ToList();
            if (order == TestOrder.Reverse)
            {
                tests.Reverse();
            }

            foreach (Invocation test in tests)
            {
                Run(test, results);
            }

            foreach (Invocation cleanup in Invocations(methods, CleanupAttribute))
            {
                Run(cleanup, results);
            }

            return results;
        }

        private static bool IsSkip(LauncherResult result) => result.Outcome == LauncherOutcome.Skipped;

        /// <summary>Every (method, attribute) pair the launcher would run for one attribute kind, in its order.</summary>
        private static IEnumerable<Invocation> Invocations(MethodInfo[] methods, string attributeName)
        {
            foreach (MethodInfo method in methods)
            {
                object[] attributes = RemoveTestMethodIfDataRowExists(method.GetCustomAttributes(true));
                for (int i = 0; i < attributes.Length; i++)
                {
                    if (attributes[i].GetType().FullName != attributeName)
                    {
                        continue;
                    }

                    object[] parameters = attributeName == DataRowAttribute
                        ? (object[])attributes[i].GetType().GetProperty("MethodParameters").GetValue(attributes[i])
                        : null;
                    yield return new Invocation(method, method.DeclaringType.FullName + "." + method.Name + "." + i, parameters);
                }
            }
        }

        // nanoFramework.TestFramework's Helper.RemoveTestMethodIfDataRowExists: with a DataRow, the plain TestMethod is dropped.
        private static object[] RemoveTestMethodIfDataRowExists(object[] attributes)
        {
            bool hasTestMethod = attributes.Any(a => a.GetType().FullName == TestMethodAttribute);
            bool hasDataRow = attributes.Any(a => a.GetType().FullName == DataRowAttribute);
            return hasTestMethod && hasDataRow ? attributes.Where(a => a.GetType().FullName != TestMethodAttribute).ToArray() : attributes;
        }

        private static bool Run(Invocation invocation, List<LauncherResult> results)
        {
            try
            {
                StaticInvoker.Invoke(invocation.Method, invocation.Parameters);
                results.Add(new LauncherResult(LauncherOutcome.Passed, invocation.Name, null));
                return true;
            }
            catch (Exception ex)
            {
                bool skipped = ex.GetType().FullName == SkipTestException;
                results.Add(new LauncherResult(skipped ? LauncherOutcome.Skipped : LauncherOutcome.Failed, invocation.Name, ex.GetType().Name + ": " + ex.Message));
                return false;
            }
        }

        private sealed class Invocation
        {
            public Invocation(MethodInfo method, string name, object[] parameters)
            {
                Method = method;
                Name = name;
                Parameters = parameters;
            }

            public MethodInfo Method { get; }

            public string Name { get; }

            public object[] Parameters { get; }
        }
    }
}
