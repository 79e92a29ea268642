using System;
using System.Reflection;
using System.Reflection.Emit;

namespace Edge.Firmware.HostTests.Launcher
{
    /// <summary>
    /// Calls a test method the way nanoFramework's launcher does, <c>method.Invoke(null, parameters)</c>:
    /// with no instance, also for instance methods (nanoCLR runs them with a null <c>this</c>, so
    /// an instance field access fails with a NullReferenceException; .NET reflection would refuse
    /// the call instead). Exceptions come out unwrapped.
    /// </summary>
    internal static class StaticInvoker
    {
        public static void Invoke(MethodInfo method, object[] parameters)
        {
            ParameterInfo[] declared = method.GetParameters();
            int given = parameters == null ? 0 : parameters.Length;
            if (given != declared.Length)
            {
                throw new TargetParameterCountException("method " + method.Name + " takes " + declared.Length + " parameters, the test gives " + given);
            }

            var call = new DynamicMethod("Invoke_" + method.Name, typeof(void), new[] { typeof(object[]) }, method.Module, skipVisibility: true);
            ILGenerator il = call.GetILGenerator();
            if (!method.IsStatic)
            {
                il.Emit(OpCodes.Ldnull);
            }

            for (int i = 0; i < declared.Length; i++)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Unbox_Any, declared[i].ParameterType);
            }

            il.Emit(OpCodes.Call, method);
            if (method.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Pop);
            }

            il.Emit(OpCodes.Ret);
            var action = (Action<object[]>)call.CreateDelegate(typeof(Action<object[]>));
            action(parameters);
        }
    }
}
